-- The batch's people merged with those already kept: the earliest day of each kind wins, and the
-- place of the earliest counted training. Inputs: summary_people, stage_people (people_batch.sql).
with

batch as (
    select * from stage_people
),

kept as (
    select p.*
    from summary_people as p
    semi join batch as b
        on p.quota_id = b.quota_id and p.bucket = b.bucket and p.id_number = b.id_number
),

both_ as (
    select * from kept
    union all
    select * from batch
),

final as (
    select
        quota_id,
        bucket,
        id_number,
        min(first_trained) as first_trained,
        min(first_certified) as first_certified,
        min(first_employed) as first_employed,
        arg_min(city, first_trained) as city,
        arg_min(county, first_trained) as county,
        arg_min(town, first_trained) as town
    from both_
    group by quota_id, bucket, id_number
)

select * from final
