-- Migration 8: a slimmer audit. `audit` keeps what identifies a flagged record (its batch, sheet
-- and row) and its flags, not the ID number nor the money by part: the flags list reads the
-- person from `records`, and the money marts hold every figure the reads need. A part paid on
-- completion is paid as it opens: its pay events go from the money marts (the reads count its
-- opening as paid). Idempotent.
alter table audit drop column if exists id_number;
alter table audit drop column if exists first_amount;
alter table audit drop column if exists rest_amount;
alter table audit drop column if exists rest_condition;
alter table audit drop column if exists rest_paid;
alter table audit drop column if exists rest_lapses;
alter table audit drop column if exists grant_amount;
alter table audit drop column if exists grant_paid;
alter table audit drop column if exists grant_lapses;

delete from audit_place_money where condition = 'on_completion' and event = 'pay';
delete from audit_money where condition = 'on_completion' and event = 'pay';
delete from audit_money_months where condition = 'on_completion' and event = 'pay';
