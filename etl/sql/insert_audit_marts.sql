-- Insert the audit's marts of every place together for the (programme, institution, year) keys
-- of the temp table audit_mart_keys (every key, or those a load touched, whose rows etl/audit.py
-- deleted first), each from the one before it: the flag counts and money events by day
-- (audit_counts, audit_money) from the place marts, and by month (audit_*_months) from those.
-- No parameters.
insert into audit_counts by name
select
    programme_id, institution, end_date, flags, ineligible,
    sum(records)::bigint as records
from audit_place_counts
semi join audit_mart_keys as k
    on k.programme_id = audit_place_counts.programme_id
    and k.institution is not distinct from audit_place_counts.institution
    and k.year = year(audit_place_counts.end_date)
group by all;

insert into audit_money by name
select
    programme_id, institution, year, condition, event, event_date,
    round(sum(amount), 2) as amount,
    sum(records)::bigint as records
from audit_place_money
semi join audit_mart_keys as k
    on k.programme_id = audit_place_money.programme_id
    and k.institution is not distinct from audit_place_money.institution
    and k.year = audit_place_money.year
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
