-- Keep the judged records that have a flag in `audit` (what the flags list and its download
-- read; a record without one is only counted, in the marts).
insert into audit by name
with

@judged,

final as (
    select * exclude (rid) from judged where flags <> 0
)

select * from final
