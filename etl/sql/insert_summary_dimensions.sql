-- Append the counts by occupation, category and institution of every batch of `records` not yet
-- in summary_dimensions: the batch being loaded, and on the first load after the table was added,
-- every earlier one. Run after dedupe_batch.sql, so only the rows kept are counted. No parameters.
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
