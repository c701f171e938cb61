-- Per quota, place (city, county, town) and month of end_date: its counted records on or before
-- $as_of. The quota's scope (targets/scope.py, registered as `quota_scope`) is joined as the
-- engine's staging views join it: unfiltered scope rows read the summary, filtered ones (a
-- filter on employment place, category or occupation) read each record.
-- Only the records inside the user's region: $scope_province … $scope_town (null = any).
-- Parameters: $as_of, $scope_province, $scope_city, $scope_county, $scope_town.
with

scope as (
    select * from quota_scope
),

summary_rows as (
    select programme_id, city, county, town, end_date, trained, certified, employed
    from summary
    where end_date <= $as_of
        and ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

record_rows as (
    select
        programme_id, city, county, town, end_date, certified, employed,
        employment_place, category, occupation
    from records
    where end_date <= $as_of
        and programme_id in (select programme_id from scope where filtered)
        and ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

from_summary as (
    select s.quota_id, m.city, m.county, m.town, m.end_date, m.trained, m.certified, m.employed
    from summary_rows as m
    inner join scope as s
        on m.programme_id = s.programme_id
        and m.end_date between s.period_start and s.period_end
    where not s.filtered
),

from_records as (
    select
        s.quota_id, r.city, r.county, r.town, r.end_date,
        1::bigint as trained,
        r.certified::bigint as certified,
        r.employed::bigint as employed
    from record_rows as r
    inner join scope as s
        on r.programme_id = s.programme_id
        and r.end_date between s.period_start and s.period_end
    where s.filtered
        and (s.employment_place is null or contains(r.employment_place, s.employment_place))
        and (s.category is null or contains(r.category, s.category))
        and (s.occupation is null or contains(r.occupation, s.occupation))
),

facts as (
    select * from from_summary
    union all
    select * from from_records
),

final as (
    select
        quota_id,
        city,
        county,
        town,
        date_trunc('month', end_date)::date as month,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from facts
    group by quota_id, city, county, town, date_trunc('month', end_date)
)

select * from final
