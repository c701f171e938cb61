-- The row ids of the records of `audit_scope` (the people a load touches) whose phone is on more
-- than $limit trainees of its institution in its start year, counted over every record but
-- those of batch $exclude_batch (null: none; the batch left out gives the flags as they were
-- before it landed).
with

scope_phones as (
    select rid, institution, year(start_date) as year, phone
    from audit_scope
    where phone is not null and institution is not null
),

groups as (
    select distinct institution, year, phone from scope_phones
),

shared as (
    select r.institution, year(r.start_date) as year, r.phone
    from records as r
    semi join groups as g
        on r.institution = g.institution and r.phone = g.phone and year(r.start_date) = g.year
    where $exclude_batch::varchar is null or r.batch_id <> $exclude_batch
    group by all
    having count(distinct r.id_number) > $limit
),

final as (
    select rid from scope_phones semi join shared using (institution, year, phone)
)

select * from final
