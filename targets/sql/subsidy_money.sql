-- Money per institution, programme and condition at an as-of date, from the loads' money events
-- (etl/sql/insert_audit_marts.sql): whole months before the as-of date's month by month, that
-- month by day. Parameters: $as_of, $programmes (ids), $year (or null), $institution (or null).
with

months as (
    select institution, programme_id, condition, event, amount, records
    from audit_money_months
    where event_month < date_trunc('month', $as_of::date)
        and list_contains($programmes, programme_id)
        and ($year is null or year = $year)
        and ($institution is null or institution = $institution)
),

days as (
    select institution, programme_id, condition, event, amount, records
    from audit_money
    where event_date >= date_trunc('month', $as_of::date) and event_date <= $as_of
        and list_contains($programmes, programme_id)
        and ($year is null or year = $year)
        and ($institution is null or institution = $institution)
),

events as (
    select * from months
    union all
    select * from days
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
