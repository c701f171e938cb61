-- Correct the place marts by the deltas of a later load (temp tables audit_delta_counts,
-- audit_delta_money: its people's rows as they are now, plus, negated, as they were): the rows
-- of the touched (programme, institution, year) keys (temp table audit_mart_keys; the money's by
-- the ids of their places, temp table audit_mart_places) are summed with the deltas and written
-- again; a row whose records sum to nothing goes, and so do the
-- unflagged counts (audit_place_counts keeps the flagged records only). No parameters.
create or replace temp table audit_merged_counts as
select
    programme_id, institution, province, city, county, town, end_date, flags, ineligible,
    sum(records)::bigint as records
from (
    select m.*
    from audit_place_counts as m
    semi join audit_mart_keys as k
        on k.programme_id = m.programme_id
        and k.institution is not distinct from m.institution
        and k.year = year(m.end_date)
    union all by name
    select * from audit_delta_counts where flags <> 0
)
group by all
having sum(records) <> 0;

create or replace temp table audit_mart_places as
select p.place_id, k.year
from audit_money_places as p
join audit_mart_keys as k
    on k.programme_id = p.programme_id
    and k.institution is not distinct from p.institution;

create or replace temp table audit_merged_money as
select
    place_id, year, condition, event, event_date,
    round(sum(amount), 2) as amount,
    sum(records)::bigint as records
from (
    select m.*
    from audit_place_events as m
    semi join audit_mart_places as k on k.place_id = m.place_id and k.year = m.year
    union all by name
    select * from audit_delta_money
)
group by all
having sum(records) <> 0;

delete from audit_place_counts as m
where exists (
    select 1 from audit_mart_keys as k
    where k.programme_id = m.programme_id
        and k.institution is not distinct from m.institution
        and k.year = year(m.end_date)
);

delete from audit_place_events as m
where exists (
    select 1 from audit_mart_places as k where k.place_id = m.place_id and k.year = m.year
);

insert into audit_place_counts by name select * from audit_merged_counts;

insert into audit_place_events by name select * from audit_merged_money;
