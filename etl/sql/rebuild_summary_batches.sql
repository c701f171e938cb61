-- Rebuild summary_batches from the summary, whole: every load runs it after its summary slice
-- (like rebuild_summary_days.sql), so the table is right after any load. About 60 ms for ten
-- million records. No parameters.
delete from summary_batches;

insert into summary_batches by name
with

summary as (
    select batch_id, programme_id, province, city, county, town, end_date, trained
    from summary
),

final as (
    select
        batch_id, programme_id, province, city, county, town,
        max(end_date) as latest_end,
        sum(trained)::bigint as trained
    from summary
    group by batch_id, programme_id, province, city, county, town
)

select * from final;
