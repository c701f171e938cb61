-- Per quota and place (city, county, town): its counted records on or before $as_of.
-- Parameters: $as_of.
with

facts as (
    select quota_id, city, county, town, trained, certified, employed
    from quota_facts
    where end_date <= $as_of
),

final as (
    select
        quota_id,
        city,
        county,
        town,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from facts
    group by quota_id, city, county, town
)

select * from final
