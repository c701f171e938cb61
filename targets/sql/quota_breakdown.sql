-- One quota's counted records on or before $as_of by one dimension — occupation, category or
-- institution — from the warehouse's summary_dimensions (warehouse/sql/tables.sql), kept by every
-- load (an older warehouse is migrated before it is read: warehouse/migrations.py). The quota's scope (targets/scope.py) is registered as `quota_scope`, as the
-- engine joins it; only its filtered rows (a filter on employment place, category or occupation)
-- read `records`, which hold the filter columns. Parameters: $as_of, $dimension.
with

scope as (
    select * from quota_scope
),

plain_counts as (
    select programme_id, end_date, value, trained, certified, employed
    from summary_dimensions
    where dimension = $dimension
        and end_date <= $as_of
        and programme_id in (select programme_id from scope where not filtered)
),

filtered_rows as (
    select
        programme_id, end_date, __dimension__ as value, certified, employed,
        employment_place, category, occupation
    from records
    where end_date <= $as_of
        and programme_id in (select programme_id from scope where filtered)
),

from_plain as (
    select c.value, c.trained, c.certified, c.employed
    from plain_counts as c
    inner join scope as s
        on c.programme_id = s.programme_id
        and c.end_date between s.period_start and s.period_end
    where not s.filtered
),

from_filtered as (
    select r.value, 1 as trained, r.certified::int as certified, r.employed::int as employed
    from filtered_rows as r
    inner join scope as s
        on r.programme_id = s.programme_id
        and r.end_date between s.period_start and s.period_end
    where s.filtered
        and (s.employment_place is null or contains(r.employment_place, s.employment_place))
        and (s.category is null or contains(r.category, s.category))
        and (s.occupation is null or contains(r.occupation, s.occupation))
),

counted as (
    select * from from_plain
    union all
    select * from from_filtered
),

final as (
    select
        value,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from counted
    group by value
)

select * from final
