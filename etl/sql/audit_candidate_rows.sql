-- The fields the window flags read (etl/audit_windows.SCOPE_COLUMNS) and the phone group's, of
-- the records whose row id is in the registered frame audit_candidates (etl/audit.py). No
-- parameters.
select
    rid, id_number, batch_id, source_sheet, source_row, start_date, end_date, certified,
    programme_id, occupation, level, institution, phone
from (select rowid as rid, * from records)
semi join audit_candidates using (rid)
