-- One quota's counted records on or before $as_of by one dimension: occupation, person category
-- or institution ($dimension, a bound value choosing the column, never text in the SQL).
-- Occupation and category are not in the summary, so this reads `records`, joined to the
-- quota's scope (targets/scope.py, registered as `quota_scope`) as the engine joins it.
-- Parameters: $as_of, $dimension.
with

scope as (
    select * from quota_scope
),

record_rows as (
    select
        programme_id, end_date, occupation, category, institution, employment_place,
        certified, employed
    from records
    where end_date <= $as_of
        and programme_id in (select programme_id from scope)
),

counted as (
    select r.*
    from record_rows as r
    inner join scope as s
        on r.programme_id = s.programme_id
        and r.end_date between s.period_start and s.period_end
    where (s.employment_place is null or contains(r.employment_place, s.employment_place))
        and (s.category is null or contains(r.category, s.category))
        and (s.occupation is null or contains(r.occupation, s.occupation))
),

labelled as (
    select
        case $dimension
            when 'occupation' then occupation
            when 'category' then category
            else institution
        end as value,
        certified,
        employed
    from counted
),

final as (
    select
        value,
        count(*)::bigint as trained,
        count(*) filter (where certified)::bigint as certified,
        count(*) filter (where employed)::bigint as employed
    from labelled
    group by value
)

select * from final
