-- Version 3: summary_people, summary_people_days and summary_people_scope: the people of the
-- 人 / 名 quotas (etl/people.py). Created empty (as tables.sql does); the next load finds no
-- scope kept and fills them from records, and until then the marts count those quotas from
-- records themselves. Nothing kept is ever deleted here.
create table if not exists summary_people (
    quota_id        varchar not null,
    bucket          integer not null,     -- calendar year of a yearly quota; 0: the whole period
    id_number       varchar not null,
    first_trained   date not null,
    first_certified date,
    first_employed  date,
    city            varchar,
    county          varchar,
    town            varchar
);

-- How many people each day added per quota and place (first counted, certified, employed):
-- summed up to an as-of date, the distinct people. Rebuilt whole by every load from
-- summary_people; the progress marts read this, never the people themselves.
create table if not exists summary_people_days (
    quota_id      varchar not null,
    city          varchar,
    county        varchar,
    town          varchar,
    end_date      date not null,
    trained       bigint not null,
    certified     bigint not null,
    employed      bigint not null
);

-- The scope (catalogue/scope.py) summary_people was kept for: a quota whose scope in the
-- catalogue differs (a period or filter edited) is counted from records until the next load
-- rebuilds it.
create table if not exists summary_people_scope (
    quota_id         varchar not null,
    programme_id     varchar not null,
    period_start     date not null,
    period_end       date not null,
    per_year         boolean not null,
    employment_place varchar,
    category         varchar,
    occupation       varchar,
    retention_months integer not null
);
