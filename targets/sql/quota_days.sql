-- Staging view: the counted records of every quota of the scope per end_date, for the marts
-- by quota, year and month. It reads the summary already summed per programme and day
-- (summary_days.sql, places and institutions dropped), so the join to the scope is small.
-- Created as a temporary view on each read-only connection by targets.marts; the marts filter
-- it by their as-of date, which DuckDB pushes down. Inputs: stg_summary_days (the summary's
-- daily totals, summary_days.sql), stg_quota_scope (the scope's temporary table,
-- quota_scope.sql), filtered_facts (the filtered quotas' records), people_facts (the quotas
-- that count people: people each day added).
with

scope as (
    select * from stg_quota_scope where not filtered and not people
),

filtered_facts as (
    select * from filtered_facts
),

daily as (
    select programme_id, end_date, trained, certified, employed
    from stg_summary_days
),

from_summary as (
    select s.quota_id, d.end_date, d.trained, d.certified, d.employed
    from daily as d
    inner join scope as s
        on d.programme_id = s.programme_id
        and d.end_date between s.period_start and s.period_end
),

from_records as (
    select quota_id, end_date, trained, certified, employed
    from filtered_facts
),

from_people as (  -- by place, not summed here: every mart sums the days in its own grouping
    select quota_id, end_date, trained, certified, employed
    from people_facts
),

final as (
    select * from from_summary
    union all
    select * from from_records
    union all
    select * from from_people
)

select * from final
