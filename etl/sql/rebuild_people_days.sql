-- Rebuild summary_people_days from summary_people, whole: how many people each day first
-- counted, first certified and first employed, per quota and place. No parameters.
delete from summary_people_days;

insert into summary_people_days by name
with

people as (
    select quota_id, city, county, town, first_trained, first_certified, first_employed
    from summary_people
),

events as (
    select quota_id, city, county, town, first_trained as end_date,
        1 as trained, 0 as certified, 0 as employed
    from people
    union all
    select quota_id, city, county, town, first_certified, 0, 1, 0
    from people
    where first_certified is not null
    union all
    select quota_id, city, county, town, first_employed, 0, 0, 1
    from people
    where first_employed is not null
),

final as (
    select
        quota_id, city, county, town, end_date,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from events
    group by all
)

select * from final;
