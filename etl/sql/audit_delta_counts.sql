-- Add the judged records' flag counts by day and place, times $sign (+1: as they are now, -1: as
-- they were before the load), to the table named in place of the target: the temp table
-- audit_delta_counts (a later load) or audit_place_counts itself (every record judged).
insert into @target by name
with

@judged,

final as (
    select
        programme_id, institution, province, city, county, town, end_date, flags, ineligible,
        $sign * count(*) as records
    from judged
    group by all
)

select * from final
