-- Insert the audit's marts of every place together for the (programme, institution, year) keys
-- of the temp table audit_mart_keys (every key, or those a load touched, whose rows etl/audit.py
-- deleted first), each from the one before it: the flag counts by day (audit_counts) from the
-- flagged place counts and, for the records without a flag, the summary's trainings less the
-- flagged ones; the money events by day (audit_money) from the place money (audit_place_events, by
-- audit_money_places's ids); and both by month
-- (audit_*_months) from those. No parameters.
insert into audit_counts by name
with

counted as (  -- the summary's trainings as if none had a flag; the flagged as they are
    select programme_id, institution, end_date, 0 as flags, false as ineligible, trained as records
    from summary
    union all
    select programme_id, institution, end_date, flags, ineligible, records
    from audit_place_counts
    where flags <> 0
),

touched as (
    select *
    from counted
    semi join audit_mart_keys as k
        on k.programme_id = counted.programme_id
        and k.institution is not distinct from counted.institution
        and k.year = year(counted.end_date)
),

final as (
    select
        programme_id, institution, end_date, flags, ineligible,
        sum(records)::bigint as records
    from (
        select * from touched
        union all  -- the flagged taken out of the trainings without a flag
        select programme_id, institution, end_date, 0, false, -records from touched where flags <> 0
    )
    group by all
    having flags <> 0 or sum(records) > 0
)

select * from final;

insert into audit_money by name
select
    p.programme_id, p.institution, m.year, m.condition, m.event, m.event_date,
    round(sum(m.amount), 2) as amount,
    sum(m.records)::bigint as records
from audit_place_events as m
join audit_money_places as p on p.place_id = m.place_id
semi join audit_mart_keys as k
    on k.programme_id = p.programme_id
    and k.institution is not distinct from p.institution
    and k.year = m.year
group by all;

insert into audit_counts_months by name
select
    programme_id, institution, date_trunc('month', end_date)::date as end_month, flags, ineligible,
    sum(records)::bigint as records
from audit_counts
semi join audit_mart_keys as k
    on k.programme_id = audit_counts.programme_id
    and k.institution is not distinct from audit_counts.institution
    and k.year = year(audit_counts.end_date)
group by all;

insert into audit_money_months by name
select
    programme_id, institution, year, condition, event,
    date_trunc('month', event_date)::date as event_month,
    round(sum(amount), 2) as amount,
    sum(records)::bigint as records
from audit_money
semi join audit_mart_keys as k
    on k.programme_id = audit_money.programme_id
    and k.institution is not distinct from audit_money.institution
    and k.year = audit_money.year
group by all;
