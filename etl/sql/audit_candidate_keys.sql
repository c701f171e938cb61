-- Every record's row id and two hashed keys, on which etl/audit.py finds the candidates of the
-- window flags when it judges every record: its person (the ID number) and, where it has a phone
-- and an institution, its phone group (institution, start year, phone). No parameters.
select
    rowid as rid,
    hash(id_number) as person_hash,
    case when phone is not null and institution is not null
        then hash(institution, year(start_date), phone) end as phone_hash
from records
