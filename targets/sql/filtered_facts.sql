-- Staging view: the counted records of the filtered quotas of the scope (a filter on
-- employment place, category or occupation) that count records (人次), one row per record. They must look at each record,
-- so they read `records`; every other quota reads the summary (quota_facts, quota_days).
-- Created as a temporary view on each read-only connection by targets.marts.
-- Only records inside the user's region (stg_region) are counted.
-- Inputs: records (warehouse), stg_quota_scope (the scope's temporary table, quota_scope.sql),
-- stg_region (the user's region, region_scope.sql).
with

records as (
    select
        programme_id, province, city, county, town, institution, end_date, certified,
        employed, employment_place, category, occupation
    from records
),

region as (
    select * from stg_region
),

scope as (
    select * from stg_quota_scope where filtered and not people
),

final as (
    select
        s.quota_id, r.programme_id, r.city, r.county, r.town, r.institution, r.end_date,
        1::bigint as trained,
        r.certified::bigint as certified,
        r.employed::bigint as employed
    from records as r
    inner join scope as s
        on r.programme_id = s.programme_id
        and r.end_date between s.period_start and s.period_end
    cross join region as g
    where (g.province is null or r.province = g.province)
        and (g.city is null or r.city = g.city)
        and (g.county is null or r.county = g.county)
        and (g.town is null or r.town = g.town)
        and (s.employment_place is null or contains(r.employment_place, s.employment_place))
        and (s.category is null or contains(r.category, s.category))
        and (s.occupation is null or contains(r.occupation, s.occupation))
)

select * from final
