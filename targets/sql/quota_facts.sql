-- Staging view: the counted records of every quota of the scope by place (programme × place ×
-- end_date: a day, or a whole month on its first day), for marts by place. Created as a temporary
-- view on each read-only connection by targets.marts; the marts filter it by their as-of date.
-- Inputs: stg_place_facts (the summary's rows up to the as-of date, inside the user's region,
-- whole months summed: place_facts.sql), stg_quota_scope (the scope's temporary table,
-- quota_scope.sql), stg_region (the user's region, region_scope.sql), filtered_facts (the
-- filtered quotas' records, already inside it), people_facts (the quotas that count people,
-- placed where each person first trained, already inside it).
with

summary as (
    select
        programme_id, province, city, county, town, institution, end_date, trained, certified,
        employed
    from stg_place_facts
),

region as (
    select * from stg_region
),

scope as (
    select * from stg_quota_scope where not filtered and not people
),

filtered_facts as (
    select * from filtered_facts
),

from_summary as (
    select
        s.quota_id, m.programme_id, m.city, m.county, m.town, m.institution, m.end_date,
        m.trained, m.certified, m.employed
    from summary as m
    inner join scope as s
        on m.programme_id = s.programme_id
        and m.end_date between s.period_start and s.period_end
    cross join region as g
    where (g.province is null or m.province = g.province)
        and (g.city is null or m.city = g.city)
        and (g.county is null or m.county = g.county)
        and (g.town is null or m.town = g.town)
),

from_people as (
    select
        quota_id, null::varchar as programme_id, city, county, town,
        null::varchar as institution, end_date, trained, certified, employed
    from people_facts
),

final as (
    select * from from_summary
    union all
    select * from filtered_facts
    union all
    select * from from_people
)

select * from final
