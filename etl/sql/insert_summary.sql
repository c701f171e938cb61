-- Append one batch's slice of the pre-aggregated counts. Parameters: $batch_id.
insert into summary by name
with

batch as (
    select * from records where batch_id = $batch_id
),

final as (
    select
        $batch_id as batch_id,
        programme_id, province, city, county, town, institution, end_date,
        date_trunc('month', end_date)::date as month,
        count(*) as trained,
        count(*) filter (where certified) as certified,
        count(*) filter (where employed) as employed
    from batch
    group by all
)

select * from final
