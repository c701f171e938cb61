-- Per quota and month of end_date: its counted records on or before $as_of, and those of the
-- run-rate window ($window_start … $as_of, the last 90 days). One run gives what quota_counts,
-- quota_months and quota_years give (summed by quota, taken as is, summed by year): the
-- dashboard reads this once per as-of date and region. Parameters: $as_of, $window_start.
with

facts as (
    select quota_id, end_date, trained, certified, employed
    from quota_days
    where end_date <= $as_of
),

windowed as (
    select
        *,
        end_date >= $window_start as in_window
    from facts
),

final as (
    select
        quota_id,
        date_trunc('month', end_date)::date as month,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed,
        coalesce(sum(trained) filter (where in_window), 0)::bigint as window_trained,
        coalesce(sum(certified) filter (where in_window), 0)::bigint as window_certified,
        coalesce(sum(employed) filter (where in_window), 0)::bigint as window_employed
    from windowed
    group by quota_id, date_trunc('month', end_date)
)

select * from final
