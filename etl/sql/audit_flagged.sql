-- Keep the judged records that have a flag in `audit`, without their money (what the flags list
-- and its download read; a record without one is only counted, in the marts, and the money is
-- summed in the money marts).
insert into audit by name
with

@judged,

final as (
    select
        batch_id, source_sheet, source_row, programme_id, province, city, county, town,
        institution, start_date, end_date, flags, ineligible
    from judged
    where flags <> 0
)

select * from final
