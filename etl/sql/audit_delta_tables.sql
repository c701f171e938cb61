-- The place marts' deltas of one load (etl/audit.py): the rows of warehouse/sql/audit_tables.sql's
-- audit_place_counts and audit_place_events, signed. Declared column by column: a temporary table
-- made as `select * from audit_place_counts limit 0` showed DuckDB 2.0.0 a large insert's row
-- count but none of its rows when scanned.
create or replace temp table audit_delta_counts (
    programme_id varchar not null,
    institution  varchar,
    province     varchar,
    city         varchar,
    county       varchar,
    town         varchar,
    end_date     date not null,
    flags        integer not null,
    ineligible   boolean not null,
    records      bigint not null
);

create or replace temp table audit_delta_money (
    place_id     integer not null,
    year         integer not null,
    condition    varchar not null,
    event        varchar not null,
    event_date   date not null,
    amount       double not null,
    records      bigint not null
);
