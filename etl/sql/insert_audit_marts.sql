-- Insert the audit's marts of every place together for the (programme, institution, year) keys
-- of the temp table audit_mart_keys (every key, or those a load touched, whose rows etl/audit.py
-- deleted first), each from the one before it: the flag counts by day (audit_counts) from the
-- flagged place counts and, for the records without a flag, the summary's trainings less the
-- flagged ones; the money events by day (audit_money) from the place money; and both by month
-- (audit_*_months) from those. No parameters.
insert into audit_counts by name
with

flagged as (
    select
        programme_id, institution, end_date, flags, ineligible,
        sum(records)::bigint as records
    from audit_place_counts
    semi join audit_mart_keys as k
        on k.programme_id = audit_place_counts.programme_id
        and k.institution is not distinct from audit_place_counts.institution
        and k.year = year(audit_place_counts.end_date)
    group by all
),

unflagged as (
    select
        programme_id, institution, end_date, 0 as flags, false as ineligible,
        sum(n)::bigint as records
    from (
        select programme_id, institution, end_date, trained as n
        from summary
        semi join audit_mart_keys as k
            on k.programme_id = summary.programme_id
            and k.institution is not distinct from summary.institution
            and k.year = year(summary.end_date)
        union all
        select programme_id, institution, end_date, -records as n
        from flagged
    )
    group by all
    having sum(n) > 0
),

final as (
    select * from flagged
    union all
    select * from unflagged
)

select * from final;

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
