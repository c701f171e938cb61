-- Migration 6: summary_batches (per batch, programme and place: latest record date and records)
-- and summary_place_months (per programme, place and month) filled from the summary for a
-- warehouse made before them (tables.sql has just created them empty), so that the Data page and
-- the marts by place read them at once. The same rebuilds every load runs. Idempotent.
delete from summary_batches;

insert into summary_batches by name
select
    batch_id, programme_id, province, city, county, town,
    max(end_date) as latest_end,
    sum(trained)::bigint as trained
from summary
group by batch_id, programme_id, province, city, county, town;

delete from summary_place_months;

insert into summary_place_months by name
with

summary as (
    select programme_id, province, city, county, town, month, trained, certified, employed
    from summary
),

final as (
    select
        programme_id, province, city, county, town, month,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from summary
    group by programme_id, province, city, county, town, month
)

select * from final;
