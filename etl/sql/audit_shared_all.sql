-- The row ids of every record whose phone is on more than $limit trainees of its institution in
-- its start year (the shared_phone flag), over all records. Only a group of more than $limit
-- records can hold more than $limit people: those are found on one hashed integer per
-- (institution, year, phone) first (grouping the three texts of every record costs more), then
-- counted exactly on their texts.
with

-- read twice, computed twice: cheaper than DuckDB keeping it (0.5 -> 0.4 s at 3M)
phones as not materialized (
    select
        rowid as rid, institution, year(start_date) as year, phone, id_number,
        hash(institution, year(start_date), phone) as h
    from records
    where phone is not null and institution is not null
),

big_hashes as (
    select h from phones group by h having count(*) > $limit
),

candidates as (
    select * from phones semi join big_hashes using (h)
),

shared as (
    select institution, year, phone
    from candidates
    group by all
    having count(distinct id_number) > $limit
),

final as (
    select rid from candidates semi join shared using (institution, year, phone)
)

select * from final
