-- Add the judged records' money events by day and place, times $sign (+1: as they are now, -1:
-- as they were before the load), to the table named in place of the target: the temp table
-- audit_delta_money (a later load) or audit_place_events itself (every record judged), by the
-- place's id (audit_money_places, which knows every place of the scope: audit_money_places.sql).
-- A part opens when its training ends, is paid, or lapses; a part paid on completion is paid as it opens
-- and has no pay event (the reads count its opening as paid); amounts are summed to the fen.
insert into @target by name
with

@judged,

-- materialized once: the parts below read it three times (left to DuckDB, a 3M-record
-- judging took 2.6 s under the load's 512 MB where it takes 1.0 s so)
paid as materialized (
    select p.place_id, j.*
    from judged as j
    join audit_money_places as p
        on p.programme_id = j.programme_id
        and p.institution is not distinct from j.institution
        and p.province is not distinct from j.province
        and p.city is not distinct from j.city
        and p.county is not distinct from j.county
        and p.town is not distinct from j.town
    where j.first_amount + j.rest_amount + j.grant_amount > 0
),

parts as (
    select
        place_id, end_date,
        'on_completion' as condition, first_amount as amount, end_date as paid_on,
        null::date as lapses_on
    from paid
    where first_amount > 0
    union all
    select
        place_id, end_date,
        rest_condition, rest_amount, rest_paid, rest_lapses
    from paid
    where rest_amount > 0
    union all
    select
        place_id, end_date,
        'employment_grant', grant_amount, grant_paid, grant_lapses
    from paid
    where grant_amount > 0
),

events as (
    select *, 'open' as event, end_date as event_date from parts
    union all
    select *, 'pay', paid_on from parts
    where paid_on is not null and condition <> 'on_completion'
    union all
    select *, 'lapse', lapses_on from parts where lapses_on is not null
),

final as (
    select
        place_id,
        year(end_date) as year, condition, event, event_date,
        round($sign * sum(amount), 2) as amount,
        $sign * count(*) as records
    from events
    group by all
)

select * from final
