-- Staging table stg_summary_days: the summary summed per programme and end_date (places and
-- institutions dropped), whatever the scope. Created as a temporary table by targets.marts once
-- per connection, or per marts.Session however many marts by quota, year or month it runs, so
-- that the summary is summed once and quota_days joins the scope to a small table; remade if a
-- later mart asks for a later as-of date, or by another user's region: the summary rows inside
-- it only (the warehouse's own summary_days has no places, so a region reads this instead).
-- Inputs: summary (warehouse). Parameters: $until (the latest as-of date of the marts that read
-- it), $scope_province, $scope_city, $scope_county, $scope_town (the region; null = any).
with

summary as (
    select programme_id, end_date, trained, certified, employed
    from summary
    where end_date <= $until
        and ($scope_province::varchar is null or province = $scope_province)
        and ($scope_city::varchar is null or city = $scope_city)
        and ($scope_county::varchar is null or county = $scope_county)
        and ($scope_town::varchar is null or town = $scope_town)
),

final as (
    select
        programme_id,
        end_date,
        sum(trained) as trained,
        sum(certified) as certified,
        sum(employed) as employed
    from summary
    group by programme_id, end_date
)

select * from final
