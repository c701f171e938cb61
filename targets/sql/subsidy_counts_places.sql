-- subsidy_counts.sql for the programmes whose document covers more than the user's region (a
-- city under a province-wide plan, any plan for a town's user): records by institution,
-- programme and flags inside the region, from the loads' place-keyed counts of the flagged
-- records (audit_place_counts, etl/sql/audit_place_counts_whole.sql) and, for the records
-- without a flag, the summary's trainings less the flagged ones. Parameters: $as_of,
-- $programmes (ids), $year (or null), $institution (or null), $scope_province, $scope_city,
-- $scope_county, $scope_town (the region; null = any).
with

flagged as (
    select programme_id, institution, flags, ineligible, records
    from audit_place_counts
    where end_date <= $as_of
        and flags <> 0
        and list_contains($programmes, programme_id)
        and ($year is null or year(end_date) = $year)
        and ($institution is null or institution = $institution)
        and ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

trained as (
    select programme_id, institution, trained as records
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

unflagged as (
    select programme_id, institution, 0 as flags, false as ineligible, sum(n) as records
    from (
        select programme_id, institution, records as n from trained
        union all
        select programme_id, institution, -records as n from flagged
    )
    group by all
    having sum(n) > 0
),

final as (
    select
        institution,
        programme_id,
        flags,
        ineligible,
        sum(records)::bigint as records
    from (select * from flagged union all select * from unflagged)
    group by all
)

select * from final
