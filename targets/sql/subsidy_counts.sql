-- Records by institution, programme and flags, from the loads' flag counts
-- (etl/sql/insert_audit_marts.sql). Parameters: $as_of, $programmes (ids), $year (or null),
-- $institution (or null).
with

counts as (
    select * from audit_counts
    where end_date <= $as_of
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
    from counts
    group by all
)

select * from final
