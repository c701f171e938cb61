-- Number the places the money will be summed by that audit_money_places does not know yet: each
-- (programme, institution, province, city, county, town) of the records of the temp view
-- `audit_scope` whose programme pays anything ($paying), after the highest id given so far, in
-- the order of the texts. Parameters: $paying (programme ids).
insert into audit_money_places by name
with

places as (
    select distinct programme_id, institution, province, city, county, town
    from audit_scope
    where list_contains($paying, programme_id)
),

new as (
    select *
    from places
    anti join audit_money_places as m
        on m.programme_id = places.programme_id
        and m.institution is not distinct from places.institution
        and m.province is not distinct from places.province
        and m.city is not distinct from places.city
        and m.county is not distinct from places.county
        and m.town is not distinct from places.town
),

final as (
    select
        ((select coalesce(max(place_id), 0) from audit_money_places) + row_number() over (
            order by programme_id, institution, province, city, county, town
        ))::integer as place_id,
        *
    from new
)

select * from final
