-- subsidy_years.sql for the programmes whose document covers more than the user's region: the
-- years (newest first) with trainings inside the region ended by the as-of date, from the
-- summary (every audited training is in it, flagged or not). The 补贴审核 page's year choice.
-- Parameters: $as_of, $programmes (ids), $year (or null), $institution (or null),
-- $scope_province, $scope_city, $scope_county, $scope_town (the region; null = any).
with

inside as (
    select year(end_date) as year
    from summary
    where exists (select 1 from audit_state)  -- judged by a load (else: no audit yet)
        and end_date <= $as_of
        and list_contains($programmes, programme_id)
        and ($year is null or year(end_date) = $year)
        and ($institution is null or institution = $institution)
        and ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

final as (
    select distinct year from inside
)

select * from final order by year desc
