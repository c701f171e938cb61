-- Migration 2: the summaries loads keep (summary_days, summary_dimensions) filled for a warehouse
-- made before they existed (tables.sql has just created them empty). summary_days is rebuilt
-- whole from the summary; summary_dimensions gets every batch of `records` it lacks. Idempotent.
delete from summary_days;

insert into summary_days by name
select
    programme_id,
    end_date,
    sum(trained)::bigint as trained,
    sum(certified)::bigint as certified,
    sum(employed)::bigint as employed
from summary
group by programme_id, end_date;

insert into summary_dimensions by name
with

missing as (
    select batch_id from records
    except
    select batch_id from summary_dimensions
),

batch as (
    select batch_id, programme_id, end_date, occupation, category, institution, certified, employed
    from records
    where batch_id in (select batch_id from missing)
),

long as (
    select batch_id, programme_id, end_date, 'occupation' as dimension, occupation as value,
        certified, employed
    from batch
    union all
    select batch_id, programme_id, end_date, 'category', category, certified, employed
    from batch
    union all
    select batch_id, programme_id, end_date, 'institution', institution, certified, employed
    from batch
),

final as (
    select
        batch_id, programme_id, end_date, dimension, value,
        count(*)::bigint as trained,
        count(*) filter (where certified)::bigint as certified,
        count(*) filter (where employed)::bigint as employed
    from long
    group by all
)

select * from final;
