-- Per institution: every record of the year ($year_start … $year_end by end_date), whatever
-- its programme (Yuncheng's rule judges an institution on all its training of the year).
-- Records without an institution are left out. Parameters: $year_start, $year_end.
with

summary as (
    select
        institution, end_date, province, city, county, town, trained, certified, employed
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
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from of_year
    group by institution
)

select * from final
