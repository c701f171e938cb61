-- The tables older schemas had that audit_tables.sql and tables.sql no longer create, as those
-- schemas made them: run before the migrations of a file older than the schema that dropped them
-- (warehouse/migrations.py), so that every migration finds what it reads. Idempotent.

-- the money by place under its six texts, schema 5 to 9 (migration 10 moves it to
-- audit_place_events and drops it)
create table if not exists audit_place_money (
    programme_id varchar not null,
    institution  varchar,
    province     varchar,
    city         varchar,
    county       varchar,
    town         varchar,
    year         integer not null,
    condition    varchar not null,
    event        varchar not null,
    event_date   date not null,
    amount       double not null,
    records      bigint not null
);
