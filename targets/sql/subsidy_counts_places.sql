-- subsidy_counts.sql for the programmes whose document covers more than the user's region (a
-- city under a province-wide plan, any plan for a town's user): records by institution,
-- programme and flags inside the region, from the loads' place-keyed counts of the flagged
-- records (audit_place_counts, etl/sql/audit_place_counts_whole.sql) and, for the records
-- without a flag, the summary's trainings less the flagged ones. Parameters: $as_of,
-- $programmes (ids), $year (or null), $institution (or null), $scope_province, $scope_city,
-- $scope_county, $scope_town (the region; null = any).
with

counted as (  -- the summary's trainings as if none had a flag; the flagged as they are
    select
        programme_id, institution, province, city, county, town, end_date,
        0 as flags, false as ineligible, trained as records
    from summary
    where exists (select 1 from audit_state)  -- judged by a load (else: no audit yet)
    union all
    select
        programme_id, institution, province, city, county, town, end_date,
        flags, ineligible, records
    from audit_place_counts
    where flags <> 0
),

inside as (
    select programme_id, institution, flags, ineligible, records
    from counted
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
    from (
        select * from inside
        union all  -- the flagged taken out of the trainings without a flag
        select programme_id, institution, 0, false, -records from inside where flags <> 0
    )
    group by all
    having flags <> 0 or sum(records) > 0
)

select * from final
