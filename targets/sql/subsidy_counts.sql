-- Records by institution, programme and flags, from the loads' flag counts
-- (etl/sql/insert_audit_marts.sql): whole months before the as-of date's month by month, that
-- month by day. Parameters: $as_of, $programmes (ids), $year (or null), $institution (or null).
with

months as (
    select programme_id, institution, flags, ineligible, records
    from audit_counts_months
    where end_month < date_trunc('month', $as_of::date)
        and list_contains($programmes, programme_id)
        and ($year is null or year(end_month) = $year)
        and ($institution is null or institution = $institution)
),

days as (
    select programme_id, institution, flags, ineligible, records
    from audit_counts
    where end_date >= date_trunc('month', $as_of::date) and end_date <= $as_of
        and list_contains($programmes, programme_id)
        and ($year is null or year(end_date) = $year)
        and ($institution is null or institution = $institution)
),

final as (
    select
        institution,
        programme_id,
        flags,
        ineligible,
        sum(records)::bigint as records
    from (select * from months union all select * from days)
    group by all
)

select * from final
