-- Rebuild summary_place_months from the summary, whole: every load runs it after its summary
-- slice (like rebuild_summary_days.sql), so the table is right after any load. About 0.2 s for
-- ten million records. No parameters.
delete from summary_place_months;

insert into summary_place_months by name
with

summary as (
    select programme_id, province, city, county, town, month, trained, certified, employed
    from summary
),

final as (
    select
        programme_id, province, city, county, town, month,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from summary
    group by programme_id, province, city, county, town, month
)

select * from final;
