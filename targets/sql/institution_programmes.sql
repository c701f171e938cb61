-- Per institution and programme (the quota its records name): the records of the year
-- ($year_start … $year_end by end_date). Records without an institution are left out.
-- Only the records inside the user's region: $scope_province … $scope_town (null = any).
-- Parameters: $year_start, $year_end, $scope_province, $scope_city, $scope_county, $scope_town.
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
    where end_date between $year_start and $year_end
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
