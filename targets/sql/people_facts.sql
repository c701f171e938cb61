-- Staging view: the quotas of the scope that count people (人 / 名), as the number of people each
-- day added (first counted, first certified, first employed) per place: summed up to an as-of
-- date, the distinct people (per year for a yearly target). A quota the loads kept for this very
-- scope reads summary_people_days; any other (its period or filter edited since the last load,
-- or a warehouse from before loads kept people) is counted here from `records`.
-- A person is placed where they first trained; only the places inside the user's region
-- (stg_region) are kept, so a scoped user counts the people first trained inside it.
-- Created as a temporary view by targets.marts. Inputs: stg_quota_scope (quota_scope.sql),
-- stg_region (region_scope.sql), summary_people_scope, summary_people_days, summary (its places:
-- summary_people_days has no province), records (warehouse).
with

region as (
    select * from stg_region
),

scope as (
    select * from stg_quota_scope where people
),

wanted as (
    select quota_id, programme_id, period_start, period_end, per_year,
        employment_place, category, occupation, retention_months
    from scope
),

stored as (
    select quota_id, programme_id, period_start, period_end, per_year,
        employment_place, category, occupation, retention_months
    from summary_people_scope
    where quota_id in (select quota_id from wanted)
),

differ as (
    select quota_id from (select * from wanted except select * from stored)
    union
    select quota_id from (select * from stored except select * from wanted)
),

kept as (
    select distinct quota_id from wanted where quota_id not in (select quota_id from differ)
),

province_places as (
    select distinct m.city, m.county, m.town
    from summary as m
    cross join region as g
    where g.province is not null and m.province = g.province
),

from_kept as (
    select k.quota_id, k.city, k.county, k.town, k.end_date, k.trained, k.certified, k.employed
    from summary_people_days as k
    cross join region as g
    where k.quota_id in (select quota_id from kept)
        and (g.city is null or k.city = g.city)
        and (g.county is null or k.county = g.county)
        and (g.town is null or k.town = g.town)
        and (g.province is null or exists (
            select 1 from province_places as p
            where p.city is not distinct from k.city
                and p.county is not distinct from k.county
                and p.town is not distinct from k.town
        ))
),

records as (
    select
        programme_id, id_number, end_date, certified, employed, employment_date,
        province, city, county, town,
        employment_place, category, occupation
    from records
),

unkept as (  -- the quotas counted here: often none, and then `records` is not read at all
    select * from scope where quota_id not in (select quota_id from kept)
),

hits as (
    select
        s.quota_id,
        case when s.per_year then year(r.end_date) else 0 end as bucket,
        r.id_number, r.end_date, r.certified, r.employed, r.province, r.city, r.county, r.town,
        -- a placement counts once kept retention_months since its employment date
        case when s.retention_months > 0
            then (coalesce(r.employment_date, r.end_date) + s.retention_months * interval 1 month)::date
            else r.end_date end as employed_day
    from records as r
    inner join unkept as s
        on r.programme_id = s.programme_id
        and r.end_date between s.period_start and s.period_end
    where (s.employment_place is null or contains(r.employment_place, s.employment_place))
        and (s.category is null or contains(r.category, s.category))
        and (s.occupation is null or contains(r.occupation, s.occupation))
),

people as (
    select
        quota_id,
        min(end_date) as first_trained,
        min(end_date) filter (where certified) as first_certified,
        min(employed_day) filter (where employed) as first_employed,
        arg_min(province, end_date) as province,
        arg_min(city, end_date) as city,
        arg_min(county, end_date) as county,
        arg_min(town, end_date) as town
    from hits
    group by quota_id, bucket, id_number
),

events as (
    select quota_id, province, city, county, town, first_trained as end_date,
        1 as trained, 0 as certified, 0 as employed
    from people
    union all
    select quota_id, province, city, county, town, first_certified, 0, 1, 0
    from people
    where first_certified is not null
    union all
    select quota_id, province, city, county, town, first_employed, 0, 0, 1
    from people
    where first_employed is not null
),

from_records as (
    select
        e.quota_id, e.city, e.county, e.town, e.end_date,
        sum(e.trained)::bigint as trained,
        sum(e.certified)::bigint as certified,
        sum(e.employed)::bigint as employed
    from events as e
    cross join region as g
    where (g.province is null or e.province = g.province)
        and (g.city is null or e.city = g.city)
        and (g.county is null or e.county = g.county)
        and (g.town is null or e.town = g.town)
    group by e.quota_id, e.city, e.county, e.town, e.end_date
),

final as (
    select * from from_kept
    union all
    select * from from_records
)

select * from final
