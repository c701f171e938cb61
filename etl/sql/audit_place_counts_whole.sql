-- Fill audit_place_counts when every record was judged: the flagged records' counts from
-- `audit` (just written), and the rest — no flag, so never ineligible — as the summary's
-- trainings of each place and day less the flagged ones (summed together, no join). Cheaper
-- than counting the judged records again. No parameters.
insert into audit_place_counts by name
with

flagged as (
    select
        programme_id, institution, province, city, county, town, end_date, flags, ineligible,
        count(*) as records
    from audit
    group by all
),

unflagged as (
    select
        programme_id, institution, province, city, county, town, end_date,
        0 as flags, false as ineligible,
        sum(n) as records
    from (
        select programme_id, institution, province, city, county, town, end_date, trained as n
        from summary
        union all
        select programme_id, institution, province, city, county, town, end_date, -1 as n
        from audit
    )
    group by all
    having sum(n) > 0
),

final as (
    select * from flagged
    union all
    select * from unflagged
)

select * from final
