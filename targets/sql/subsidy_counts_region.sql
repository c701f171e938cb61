-- subsidy_counts.sql for a region: records by institution, programme and flags, counted from
-- the audited trainings inside it (subsidy_region_audit.sql, prepended by targets.subsidy).
,

final as (
    select
        institution,
        programme_id,
        flags,
        ineligible,
        count(*)::bigint as records
    from region_audit
    group by institution, programme_id, flags, ineligible
)

select * from final
