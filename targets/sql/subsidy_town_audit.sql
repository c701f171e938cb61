-- The audited trainings inside the user's region, for the subsidy figures of a region: the
-- loads' marts (audit_counts, audit_money) are of every place together, so a region reads
-- `audit` and the places of its records (audit has no town). Included by subsidy_counts_region
-- and subsidy_money_region (targets.subsidy). Parameters: $as_of, $programmes (ids), $year (or
-- null: the end date's year), $institution (or null), $scope_province, $scope_city,
-- $scope_county, $scope_town (the region; null = any).
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
