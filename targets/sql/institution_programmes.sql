-- Per institution and programme (the quota its records name): the records that ended in the year
-- up to $until ($year_start … $until by end_date; $until is the year's end, or an as-of date
-- inside the year). Records without an institution are left out.
-- Only the records inside the user's region: $scope_province … $scope_town (null = any).
-- Parameters: $year_start, $until, $scope_province, $scope_city, $scope_county, $scope_town.
with

summary as (
    select
        institution, programme_id, end_date, province, city, county, town, trained,
        certified, employed
    from summary
),

of_year as (
    select *
    from summary
    where end_date between $year_start and $until
        and institution is not null
        and ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

final as (
    select
        institution,
        programme_id,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from of_year
    group by institution, programme_id
)

select * from final
