-- The batch ledger, newest first, with the plans each batch's loaded records belong to.
-- `plan_map` (programme_id → plan) is registered by targets.queries from the catalogue.
with

batches as (
    select * from batches
),

plans_of as (
    select s.batch_id, list(distinct p.plan order by p.plan) as plans
    from summary as s
    inner join plan_map as p on s.programme_id = p.programme_id
    group by s.batch_id
),

final as (
    select
        b.batch_id, b.file_name, b.rows, b.loaded, b.duplicates, b.rejected, b.skipped,
        b.reasons::varchar as reasons, b.duplicate_of, b.loaded_at,
        coalesce(p.plans, []::varchar[]) as plans
    from batches as b
    left join plans_of as p on b.batch_id = p.batch_id
    order by b.loaded_at desc
)

select * from final
