-- The audited trainings inside a town's user's region: `audit` keeps no town, so the town is
-- read from the records (subsidy_region_audit.sql for a province, city or county). Included
-- before subsidy_counts_region, subsidy_money_region and subsidy_years_region (targets.subsidy).
-- Parameters: $as_of, $programmes (ids), $year (or null: the end date's year), $institution
-- (or null), $scope_province, $scope_city, $scope_county, $scope_town (the region; null = any).
region_audit as (
    select a.*
    from audit as a
    join records as r
        on r.batch_id = a.batch_id
        and r.source_row = a.source_row
        and r.source_sheet is not distinct from a.source_sheet
    where a.end_date <= $as_of
        and list_contains($programmes, a.programme_id)
        and ($year is null or year(a.end_date) = $year)
        and ($institution is null or a.institution = $institution)
        and ($scope_province::varchar is null or r.province = $scope_province)
        and ($scope_city::varchar is null or r.city = $scope_city)
        and ($scope_county::varchar is null or r.county = $scope_county)
        and ($scope_town::varchar is null or r.town = $scope_town)
)
