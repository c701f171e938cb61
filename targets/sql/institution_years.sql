-- Per institution: every record of the year ($year_start … $year_end by end_date), whatever
-- its programme (Yuncheng's rule judges an institution on all its training of the year).
-- Records without an institution are left out. Parameters: $year_start, $year_end.
with

summary as (
    select institution, end_date, trained, certified, employed
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
        sum(trained)::bigint as trained,
        sum(certified)::bigint as certified,
        sum(employed)::bigint as employed
    from of_year
    group by institution
)

select * from final
