-- subsidy_money.sql for the programmes whose document covers more than the user's region: money
-- per institution, programme and condition at an as-of date, from the money events of the
-- trainings inside the region (audit_place_events by the ids of audit_money_places,
-- etl/sql/audit_delta_money.sql).
-- Parameters: $as_of, $programmes (ids), $year (or null), $institution (or null),
-- $scope_province, $scope_city, $scope_county, $scope_town (the region; null = any).
with

places as (  -- the money's places inside the region (audit_money_places)
    select place_id, institution, programme_id
    from audit_money_places
    where list_contains($programmes, programme_id)
        and ($institution is null or institution = $institution)
        and ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

events as (
    select p.institution, p.programme_id, m.condition, m.event, m.amount, m.records
    from audit_place_events as m
    join places as p on p.place_id = m.place_id
    where m.event_date <= $as_of
        and ($year is null or m.year = $year)
),

final as (
    select
        institution,
        programme_id,
        condition,
        coalesce(sum(amount) filter (where event = 'open'), 0) as opened,
        -- a part paid on completion is paid as it opens (no pay event of its own)
        coalesce(
            sum(amount) filter (where event = 'pay' or condition = 'on_completion'), 0
        ) as paid,
        coalesce(sum(amount) filter (where event = 'lapse'), 0) as lapsed,
        coalesce(sum(records) filter (where event = 'open' and condition <> 'on_completion'), 0)
            - coalesce(sum(records) filter (where event <> 'open'), 0) as waiting
    from events
    group by all
)

select * from final
