-- Migration 7: `audit` keeps the flagged records only (a record without a flag is counted in the
-- marts, which hold everything the reads need). An older file's unflagged rows go. Idempotent.
delete from audit where flags = 0;
