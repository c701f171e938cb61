-- How fresh each plan's data is: its latest record date and its latest batch, from the
-- loads' per-batch places (summary_batches), not the summary's millions of rows. `plan_map`
-- (programme_id → plan) is registered by targets.queries from the catalogue.
-- Only the records inside the user's region: $scope_province … $scope_town (null = any).
-- Parameters: $scope_province, $scope_city, $scope_county, $scope_town.
with

summary as (
    select batch_id, programme_id, latest_end as end_date, trained
    from summary_batches
    where ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

batches as (
    select batch_id, file_name, loaded_at
    from batches
),

plan_map as (
    select * from plan_map
),

joined as (
    select p.plan, s.batch_id, s.end_date, s.trained, b.file_name, b.loaded_at
    from summary as s
    inner join plan_map as p on s.programme_id = p.programme_id
    inner join batches as b on s.batch_id = b.batch_id
),

final as (
    select
        plan,
        max(end_date) as latest_record,
        sum(trained)::bigint as records,
        count(distinct batch_id)::bigint as batches,
        max(loaded_at) as latest_load,
        arg_max(file_name, loaded_at) as latest_file
    from joined
    group by plan
)

select * from final
