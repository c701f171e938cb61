-- The people a batch touches: its own, and everyone sharing a phone with it at one institution in
-- one year (their shared_phone flag may change). Parameters: $batch_id.
create or replace temp table audit_people as
with

batch as (
    select id_number, institution, phone, year(start_date) as year
    from records
    where batch_id = $batch_id
),

groups as (
    select distinct institution, phone, year
    from batch
    where phone is not null and institution is not null
),

sharing as (
    select r.id_number
    from records as r
    semi join groups as g
        on r.institution = g.institution and r.phone = g.phone and year(r.start_date) = g.year
),

final as (
    select id_number from batch
    union
    select id_number from sharing
)

select * from final
