-- The flagged trainings with what identifies them, for the flags list and the download.
-- Parameters: $programmes (ids), $year (or null: the end date's year), $institution (or null),
-- $as_of (or null), $scope_province, $scope_city, $scope_county, $scope_town (the user's region;
-- null = any).
with

flagged as (
    select * from audit
    where flags <> 0
        and list_contains($programmes, programme_id)
        and ($year is null or year(end_date) = $year)
        and ($institution is null or institution = $institution)
        and ($as_of is null or end_date <= $as_of)
),

final as (
    select
        f.programme_id, r.name, r.id_number, r.phone, f.start_date, f.end_date,
        f.institution, r.occupation, r.level, f.flags, f.ineligible
    from flagged as f
    join records as r
        on r.batch_id = f.batch_id
        and r.source_row = f.source_row
        and r.source_sheet is not distinct from f.source_sheet
    where ($scope_province::varchar is null or r.province = $scope_province)
        and ($scope_city::varchar is null or r.city = $scope_city)
        and ($scope_county::varchar is null or r.county = $scope_county)
        and ($scope_town::varchar is null or r.town = $scope_town)
)

select * from final
order by programme_id, institution, start_date, id_number
