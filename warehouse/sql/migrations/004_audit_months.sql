-- Migration 4: the subsidy audit's month marts (audit_counts_months, audit_money_months) filled
-- from its day marts for a warehouse made before them (tables.sql has just created them empty),
-- so that the 补贴审核 page, the 通报 and `targets subsidies` read it at once. Idempotent.
delete from audit_counts_months;

insert into audit_counts_months by name
select
    programme_id, institution, date_trunc('month', end_date)::date as end_month, flags, ineligible,
    sum(records)::bigint as records
from audit_counts
group by all;

delete from audit_money_months;

insert into audit_money_months by name
select
    programme_id, institution, year, condition, event,
    date_trunc('month', event_date)::date as event_month,
    sum(amount) as amount,
    sum(records)::bigint as records
from audit_money
group by all;
