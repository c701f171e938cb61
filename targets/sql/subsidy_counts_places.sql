-- subsidy_counts.sql for the programmes whose document covers more than the user's region (a
-- city under a province-wide plan, any plan for a town's user): records by institution,
-- programme and flags inside the region, from the loads' place-keyed flag counts
-- (audit_place_counts, etl/sql/insert_audit_marts.sql). Parameters: $as_of, $programmes (ids),
-- $year (or null), $institution (or null), $scope_province, $scope_city, $scope_county,
-- $scope_town (the region; null = any).
with

inside as (
    select programme_id, institution, flags, ineligible, records
    from audit_place_counts
    where end_date <= $as_of
        and list_contains($programmes, programme_id)
        and ($year is null or year(end_date) = $year)
        and ($institution is null or institution = $institution)
        and ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

final as (
    select
        institution,
        programme_id,
        flags,
        ineligible,
        sum(records)::bigint as records
    from inside
    group by all
)

select * from final
