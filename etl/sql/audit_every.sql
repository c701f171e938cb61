-- Every judged record, one row each, in the temp table audit_every: the columns of `audit` and
-- the record's money by part (paid when the training ends; the rest waits on rest_condition until
-- rest_paid or lapses on rest_lapses; the employment grant likewise).
create or replace temp table audit_every as
with

@judged,

final as (
    select * exclude (rid) from judged
)

select * from final
