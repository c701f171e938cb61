-- One quota's counted records on or before $as_of by occupation, by person category and by
-- institution (one grouping set each). Occupation and category are not in the summary, so this
-- reads `records`, joined to the quota's scope (targets/scope.py) the way quota_facts joins it.
-- Parameters: $as_of.
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

grouped as (
    select
        case
            when grouping(occupation) = 0 then 'occupation'
            when grouping(category) = 0 then 'category'
            else 'institution'
        end as dimension,
        case
            when grouping(occupation) = 0 then occupation
            when grouping(category) = 0 then category
            else institution
        end as value,
        count(*)::bigint as trained,
        count(*) filter (where certified)::bigint as certified,
        count(*) filter (where employed)::bigint as employed
    from counted
    group by grouping sets ((occupation), (category), (institution))
),

final as (
    select * from grouped
)

select * from final
