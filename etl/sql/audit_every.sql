-- Every judged record, one row each, in the temp table audit_every (the columns of `audit`).
create or replace temp table audit_every as
with

@judged,

final as (
    select * exclude (rid) from judged
)

select * from final
