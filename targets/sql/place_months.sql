-- Per quota, place (city, county, town) and month of end_date: its counted records on or before
-- $as_of — people, for a quota that counts people (the month each was first counted), so that a
-- place's months add up to its figure on the Towns page's ranking (region_counts.sql reads the
-- same staging view). Parameters: $as_of.
with

facts as (
    select quota_id, city, county, town, end_date, trained, certified, employed
    from quota_facts
    where end_date <= $as_of
),

final as (
    select
        quota_id,
        city,
        county,
        town,
        date_trunc('month', end_date)::date as month,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from facts
    group by quota_id, city, county, town, date_trunc('month', end_date)
)

select * from final
