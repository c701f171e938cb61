-- Insert the audit's marts for the rows of the temp view audit_mart_scope (every audit row, or
-- those of the (programme, institution, end year) keys a load touched, whose mart rows etl/audit.py
-- deleted first): the flag counts and the money events by day and place (audit_place_*), the same
-- of every place together (audit_counts, audit_money) and by month (audit_*_months), each from
-- the one before it. No parameters.
insert into audit_place_counts by name
select
    programme_id, institution, province, city, county, town, end_date, flags, ineligible,
    count(*) as records
from audit_mart_scope
group by all;

insert into audit_place_money by name
with

paid as (
    select * from audit_mart_scope where first_amount + rest_amount + grant_amount > 0
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
    select *, 'pay', paid_on from parts where paid_on is not null
    union all
    select *, 'lapse', lapses_on from parts where lapses_on is not null
),

final as (
    select
        programme_id, institution, province, city, county, town,
        year(end_date) as year, condition, event, event_date,
        sum(amount) as amount,
        count(*) as records
    from events
    group by all
)

select * from final;

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
    sum(amount) as amount,
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
    sum(amount) as amount,
    sum(records)::bigint as records
from audit_money
semi join audit_mart_keys as k
    on k.programme_id = audit_money.programme_id
    and k.institution is not distinct from audit_money.institution
    and k.year = audit_money.year
group by all;
