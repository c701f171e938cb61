-- subsidy_money.sql for a region: the money events (as etl/sql/insert_audit_marts.sql makes
-- them) of the audited trainings inside it (subsidy_region_audit.sql, prepended by
-- targets.subsidy), summed per institution, programme and condition at $as_of.
,

paid as (
    select * from region_audit where first_amount + rest_amount + grant_amount > 0
),

parts as (
    select
        programme_id, institution,
        'on_completion' as condition, first_amount as amount, end_date as opened_on,
        end_date as paid_on, null::date as lapses_on
    from paid
    where first_amount > 0
    union all
    select programme_id, institution, rest_condition, rest_amount, end_date, rest_paid, rest_lapses
    from paid
    where rest_amount > 0
    union all
    select programme_id, institution, 'employment_grant', grant_amount, end_date, grant_paid,
        grant_lapses
    from paid
    where grant_amount > 0
),

events as (
    select programme_id, institution, condition, amount, 'open' as event, opened_on as event_date
    from parts
    union all
    select programme_id, institution, condition, amount, 'pay', paid_on
    from parts
    where paid_on is not null
    union all
    select programme_id, institution, condition, amount, 'lapse', lapses_on
    from parts
    where lapses_on is not null
),

final as (
    select
        institution,
        programme_id,
        condition,
        coalesce(sum(amount) filter (where event = 'open'), 0) as opened,
        coalesce(sum(amount) filter (where event = 'pay' and event_date <= $as_of), 0) as paid,
        coalesce(sum(amount) filter (where event = 'lapse' and event_date <= $as_of), 0)
            as lapsed,
        count(*) filter (where event = 'open')
            - count(*) filter (where event <> 'open' and event_date <= $as_of) as waiting
    from events
    group by institution, programme_id, condition
)

select * from final
