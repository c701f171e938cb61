-- Add the judged records' money events by day and place, times $sign (+1: as they are now, -1:
-- as they were before the load), to the table named in place of the target: the temp table
-- audit_delta_money (a later load) or audit_place_money itself (every record judged). A part
-- opens when its training ends, is paid, or lapses; a part paid on completion is paid as it opens
-- and has no pay event (the reads count its opening as paid); amounts are summed to the fen.
insert into @target by name
with

@judged,

-- materialized once: the parts below read it three times (left to DuckDB, a 3M-record
-- judging took 2.6 s under the load's 512 MB where it takes 1.0 s so)
paid as materialized (
    select * from judged where first_amount + rest_amount + grant_amount > 0
),

parts as (
    select
        programme_id, institution, province, city, county, town, end_date,
        'on_completion' as condition, first_amount as amount, end_date as paid_on,
        null::date as lapses_on
    from paid
    where first_amount > 0
    union all
    select
        programme_id, institution, province, city, county, town, end_date,
        rest_condition, rest_amount, rest_paid, rest_lapses
    from paid
    where rest_amount > 0
    union all
    select
        programme_id, institution, province, city, county, town, end_date,
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
        programme_id, institution, province, city, county, town,
        year(end_date) as year, condition, event, event_date,
        round($sign * sum(amount), 2) as amount,
        $sign * count(*) as records
    from events
    group by all
)

select * from final
