-- Migration 10: the money by place is kept on one place id (audit_money_places) instead of the
-- programme, institution and four place texts: audit_place_money's rows move to
-- audit_place_events (both new tables are empty: audit_tables.sql has just created them; a file
-- that never had the old table gets it empty from legacy_tables.sql) and the old table goes. Ids
-- are numbered in the order of the texts.
insert into audit_money_places by name
with

places as (
    select distinct programme_id, institution, province, city, county, town
    from audit_place_money
    where not exists (select 1 from audit_money_places)
),

final as (
    select
        row_number() over (
            order by programme_id, institution, province, city, county, town
        )::integer as place_id,
        *
    from places
)

select * from final;

insert into audit_place_events by name
select
    p.place_id, m.year, m.condition, m.event, m.event_date,
    round(sum(m.amount), 2) as amount,
    sum(m.records)::bigint as records
from audit_place_money as m
join audit_money_places as p
    on p.programme_id = m.programme_id
    and p.institution is not distinct from m.institution
    and p.province is not distinct from m.province
    and p.city is not distinct from m.city
    and p.county is not distinct from m.county
    and p.town is not distinct from m.town
where not exists (select 1 from audit_place_events)
group by all;

drop table audit_place_money;
