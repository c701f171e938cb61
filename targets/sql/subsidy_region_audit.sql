-- The audited trainings inside the user's region (a province, city or county), for the subsidy
-- figures of a programme whose document covers more than the region: the loads' marts
-- (audit_counts, audit_money) are of every place together, but `audit` keeps each record's
-- province, city and county. A town's user reads subsidy_town_audit.sql instead (audit has no
-- town). Included by subsidy_counts_region, subsidy_money_region and subsidy_years_region
-- (targets.subsidy). Parameters: $as_of, $programmes (ids), $year (or null: the end date's
-- year), $institution (or null), $scope_province, $scope_city, $scope_county (null = any).
region_audit as (
    select a.*
    from audit as a
    where a.end_date <= $as_of
        and list_contains($programmes, a.programme_id)
        and ($year is null or year(a.end_date) = $year)
        and ($institution is null or a.institution = $institution)
        and ($scope_province::varchar is null or a.province = $scope_province)
        and ($scope_city::varchar is null or a.city = $scope_city)
        and ($scope_county::varchar is null or a.county = $scope_county)
)
