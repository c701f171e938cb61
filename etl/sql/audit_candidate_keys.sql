-- Every record's row id and two hashed keys, on which etl/audit.py finds the candidates of the
-- window flags when it judges every record: its person (the ID number) and, where it has a phone
-- and an institution, its phone group (institution, start year, phone). 32 bits each, which sort
-- faster than 64: a hash two keys share by chance only adds a few candidates. No parameters.
select
    rowid as rid,
    (hash(id_number) >> 32)::uinteger as person_hash,
    case when phone is not null and institution is not null
        then (hash(institution, year(start_date), phone) >> 32)::uinteger end as phone_hash
from records
