-- The years (newest first) with audited trainings of these programmes ended by the as-of date,
-- from the loads' flag counts (etl/sql/insert_audit_marts.sql): whole months before the as-of
-- date's month by month, that month by day. The 补贴审核 page's year choice.
-- Parameters: $as_of, $programmes (ids), $year (or null), $institution (or null).
with

months as (
    select year(end_month) as year
    from audit_counts_months
    where end_month < date_trunc('month', $as_of::date)
        and list_contains($programmes, programme_id)
        and ($year is null or year(end_month) = $year)
        and ($institution is null or institution = $institution)
),

days as (
    select year(end_date) as year
    from audit_counts
    where end_date >= date_trunc('month', $as_of::date) and end_date <= $as_of
        and list_contains($programmes, programme_id)
        and ($year is null or year(end_date) = $year)
        and ($institution is null or institution = $institution)
),

final as (
    select distinct year from (select * from months union all select * from days)
)

select * from final order by year desc
