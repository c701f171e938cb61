-- Version 3: summary_people, summary_people_days and summary_people_scope (tables.sql creates
-- them): each person's first counted day for the quotas in 人 / 名 (etl/people.py). They are
-- filled by the next load, which finds no scope kept and counts every such quota from records;
-- until then the marts count those quotas from records themselves. Nothing to copy here.
delete from summary_people_scope;
