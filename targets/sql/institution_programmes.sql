-- Per institution and programme (the quota its records name): the records that ended in the year
-- up to $until ($year_start … $until by end_date; $until is the year's end, or an as-of date
-- inside the year). Records without an institution are left out.
-- Parameters: $year_start, $until.
with

summary as (
    select institution, programme_id, end_date, trained, certified, employed
    from summary
),

of_year as (
    select *
    from summary
    where end_date between $year_start and $until
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
