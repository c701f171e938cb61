-- Fill audit_place_counts when every record was judged: the flagged records' counts, from
-- `audit` (just written). A record without a flag is never ineligible, and the mart does not
-- keep it: the reads take the unflagged as the summary's trainings less the flagged ones
-- (insert_audit_marts.sql, targets/sql/subsidy_*_places.sql). No parameters.
insert into audit_place_counts by name
with

final as (
    select
        programme_id, institution, province, city, county, town, end_date, flags, ineligible,
        count(*) as records
    from audit
    group by all
)

select * from final
