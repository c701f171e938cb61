-- One quota's counted records on or before $as_of inside the user's region by one dimension
-- column: occupation, category or institution (quota_breakdown.sql answers for every region from
-- the loads' counts, which hold no places). The column name `__dimension__` is replaced by targets.queries with one of
-- those three schema names (never user text); every value is bound. Occupation and category are
-- not in the summary, so this reads `records`, joined to the quota's scope (targets/scope.py,
-- registered as `quota_scope`) as the engine joins it: only the scope's filtered rows (a filter
-- on employment place, category or occupation) read the filter columns.
-- Only the records inside the user's region: $scope_province … $scope_town (null = any).
-- Parameters: $as_of, $scope_province, $scope_city, $scope_county, $scope_town.
with

scope as (
    select * from quota_scope
),

plain_rows as (
    select programme_id, end_date, __dimension__ as value, certified, employed
    from records
    where end_date <= $as_of
        and programme_id in (select programme_id from scope where not filtered)
        and ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

filtered_rows as (
    select
        programme_id, end_date, __dimension__ as value, certified, employed,
        employment_place, category, occupation
    from records
    where end_date <= $as_of
        and programme_id in (select programme_id from scope where filtered)
        and ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

from_plain as (
    select r.value, r.certified, r.employed
    from plain_rows as r
    inner join scope as s
        on r.programme_id = s.programme_id
        and r.end_date between s.period_start and s.period_end
    where not s.filtered
),

from_filtered as (
    select r.value, r.certified, r.employed
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
        count(*)::bigint as trained,
        count(*) filter (where certified)::bigint as certified,
        count(*) filter (where employed)::bigint as employed
    from counted
    group by value
)

select * from final
