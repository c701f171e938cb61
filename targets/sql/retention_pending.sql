-- Per quota with a retention rule (稳岗三个月以上): the people placed by $as_of whose job has
-- not yet been kept that long (pending: not counted yet). Reads `records`: only the few records
-- of such quotas, which filter on a field anyway; only those inside the user's region.
-- Inputs: stg_quota_scope (quota_scope.sql), stg_region (region_scope.sql), records (warehouse).
-- Parameters: $as_of.
with

region as (
    select * from stg_region
),

scope as (
    select * from stg_quota_scope where retention_months > 0
),

records as (
    select
        programme_id, id_number, end_date, employed, employment_date,
        province, city, county, town,
        employment_place, category, occupation
    from records
    where employed and end_date <= $as_of
),

placed as (
    select
        s.quota_id,
        case when s.per_year then year(r.end_date) else 0 end as bucket,
        r.id_number,
        min(coalesce(r.employment_date, r.end_date) + s.retention_months * interval 1 month)::date
            as kept_day
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
    group by s.quota_id, bucket, r.id_number
),

final as (
    select quota_id, count(*) filter (where kept_day > $as_of)::bigint as pending
    from placed
    group by quota_id
)

select * from final
