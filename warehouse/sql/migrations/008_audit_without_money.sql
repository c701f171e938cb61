-- Migration 8: `audit` keeps what identifies a flagged record and its flags, not its money by part
-- (the money marts hold every figure the reads need; the flags list reads the rest from
-- `records`). An older file's money columns go. Idempotent.
alter table audit drop column if exists first_amount;
alter table audit drop column if exists rest_amount;
alter table audit drop column if exists rest_condition;
alter table audit drop column if exists rest_paid;
alter table audit drop column if exists rest_lapses;
alter table audit drop column if exists grant_amount;
alter table audit drop column if exists grant_paid;
alter table audit drop column if exists grant_lapses;
