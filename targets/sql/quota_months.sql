-- Per quota and month of end_date: its counted records on or before $as_of.
-- Parameters: $as_of.
with

facts as (
    select quota_id, end_date, trained, certified, employed
    from quota_days
    where end_date <= $as_of
),

final as (
    select
        quota_id,
        date_trunc('month', end_date)::date as month,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from facts
    group by quota_id, date_trunc('month', end_date)
)

select * from final
