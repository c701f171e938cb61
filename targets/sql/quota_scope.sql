-- Staging table stg_quota_scope: the quotas' scope (targets/scope.py), one row per quota ×
-- programme_id whose records it counts, passed as one bound list parameter per column (lists of
-- the same length, zipped by unnest) and created as a temporary table by targets.marts, so that
-- the staging views can join it; dropped after each mart, or replaced by the next scope in a
-- marts.Session. Parameters: $quota_id, $programme_id, $period_start, $period_end, $filtered,
-- $employment_place, $category, $occupation, $people, $per_year,
-- $retention_months (lists).
with

rows as (
    select
        unnest($quota_id::varchar[]) as quota_id,
        unnest($programme_id::varchar[]) as programme_id,
        unnest($period_start::date[]) as period_start,
        unnest($period_end::date[]) as period_end,
        unnest($filtered::boolean[]) as filtered,
        unnest($employment_place::varchar[]) as employment_place,
        unnest($category::varchar[]) as category,
        unnest($occupation::varchar[]) as occupation,
        unnest($people::boolean[]) as people,
        unnest($per_year::boolean[]) as per_year,
        unnest($retention_months::integer[]) as retention_months
),

final as (
    select * from rows
)

select * from final
