-- Migration 9: the place counts keep the flagged records only. A record without a flag is
-- counted as the summary's trainings less the flagged ones, by the marts of every place
-- together (etl/sql/insert_audit_marts.sql) and by a region's reads
-- (targets/sql/subsidy_*_places.sql). Idempotent.
delete from audit_place_counts where flags = 0;
