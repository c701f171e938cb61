-- Per quota and calendar year of end_date: its counted records on or before $as_of.
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
        year(end_date)::integer as year,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from facts
    group by quota_id, year(end_date)
)

select * from final
