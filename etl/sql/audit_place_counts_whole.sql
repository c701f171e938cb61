-- Fill audit_place_counts when every record was judged: the flagged records' counts from
-- `audit` (just written), and the rest — no flag, so never ineligible — as the summary's
-- trainings of each place and day less the flagged ones. Cheaper than counting the judged
-- records again. No parameters.
insert into audit_place_counts by name
with

flagged as (
    select
        programme_id, institution, province, city, county, town, end_date, flags, ineligible,
        count(*) as records
    from audit
    group by all
),

flagged_days as (
    select
        programme_id, institution, province, city, county, town, end_date,
        sum(records) as records
    from flagged
    group by all
),

trained_days as (
    select
        programme_id, institution, province, city, county, town, end_date,
        sum(trained) as records
    from summary
    group by all
),

unflagged as (
    select
        t.programme_id, t.institution, t.province, t.city, t.county, t.town, t.end_date,
        0 as flags, false as ineligible,
        t.records - coalesce(f.records, 0) as records
    from trained_days as t
    left join flagged_days as f
        on f.programme_id = t.programme_id
        and f.institution is not distinct from t.institution
        and f.province is not distinct from t.province
        and f.city is not distinct from t.city
        and f.county is not distinct from t.county
        and f.town is not distinct from t.town
        and f.end_date = t.end_date
),

final as (
    select * from flagged
    union all
    select * from unflagged where records > 0
)

select * from final
