-- Migration 5: summary_batches (per batch, programme and place: latest record date and records)
-- filled from the summary for a warehouse made before it (tables.sql has just created it empty),
-- so that the Data page reads it at once. The same rebuild every load runs. Idempotent.
delete from summary_batches;

insert into summary_batches by name
select
    batch_id, programme_id, province, city, county, town,
    max(end_date) as latest_end,
    sum(trained)::bigint as trained
from summary
group by batch_id, programme_id, province, city, county, town;
