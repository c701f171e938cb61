-- Per institution and programme (the quota its records name): the records of the year
-- ($year_start … $year_end by end_date). Records without an institution are left out.
-- Parameters: $year_start, $year_end.
with

summary as (
    select institution, programme_id, end_date, trained, certified, employed
    from summary
),

of_year as (
    select *
    from summary
    where end_date between $year_start and $year_end
        and institution is not null
),

final as (
    select
        institution,
        programme_id,
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from of_year
    group by institution, programme_id
)

select * from final
