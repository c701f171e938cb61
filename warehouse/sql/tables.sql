-- Warehouse tables. Created by warehouse.store.create(); every statement is idempotent.

-- The batch ledger: one row per loaded file, written last in the load's transaction.
create table if not exists batches (
    batch_id      varchar primary key,
    file_name     varchar not null,
    content_hash  varchar not null,
    rows          bigint not null,
    loaded        bigint not null,
    duplicates    bigint not null,
    rejected      bigint not null,
    skipped       bigint not null,
    reasons       json not null,          -- {"id_checksum": 60, ...}: each rejected row once, first reason
    duplicate_of  varchar,                -- the earlier batch that had the same file content
    loaded_at     timestamp not null,
    load_date     date not null           -- the "day of loading" that date_future is judged against
);

-- One row per person per training (人次): the contract's canonical fields, normalised.
create table if not exists records (
    batch_id         varchar not null,
    source_sheet     varchar,             -- XLSX sheet name; null for CSV and Parquet
    source_row       integer not null,    -- 1-based row number in the source file/sheet
    name             varchar not null,
    id_number        varchar not null,
    programme_id     varchar not null,
    programme_raw    varchar not null,
    start_date       date not null,
    end_date         date not null,
    gender           varchar,
    town             varchar,
    county           varchar,
    city             varchar,
    province         varchar,
    institution      varchar,
    occupation       varchar,
    level            varchar,
    days             double,
    hours            double,
    certified        boolean not null,
    certificate_type varchar,
    employed         boolean not null,
    employment_date  date,
    employment_place varchar,
    category         varchar,
    phone            varchar,
    class_id         varchar,
    extra            json,                -- uninterpreted columns (序号, 备注, ...) kept for audit
    key_hash         ubigint not null     -- hash of the duplicate key; equality is checked exactly
);

-- Quarantined rows: never lost, exportable with `python -m etl rejects`.
create table if not exists rejects (
    batch_id      varchar not null,
    file_name     varchar not null,
    sheet         varchar,                -- XLSX sheet name; null for CSV and Parquet
    source_row    integer not null,
    first_reason  varchar not null,
    reasons       varchar[] not null,
    raw           json not null           -- {header: cell} exactly as read
);

-- Pre-aggregated counts kept current by every load (append-only, one slice per batch), so that
-- progress queries never scan `records`. Sum over batches when reading. Day grain (end_date):
-- an as-of date inside a month, periods starting mid-month and 90-day run rates need it.
create table if not exists summary (
    batch_id      varchar not null,
    programme_id  varchar not null,
    province      varchar,
    city          varchar,
    county        varchar,
    town          varchar,
    institution   varchar,
    end_date      date not null,          -- the records' end_date
    month         date not null,          -- first day of end_date's month
    trained       bigint not null,
    certified     bigint not null,
    employed      bigint not null
);

-- The summary's daily totals per programme (places and institutions summed away), rebuilt whole
-- by every load (rebuild_summary_days.sql): what the progress marts by quota, year and month
-- read (targets/sql/quota_days.sql). A few tens of thousands of rows however many records.
create table if not exists summary_days (
    programme_id  varchar not null,
    end_date      date not null,
    trained       bigint not null,
    certified     bigint not null,
    employed      bigint not null
);

-- Counts by one record field the summary does not carry (occupation, category) or does
-- (institution), per programme and end_date: the dashboard's breakdowns read this, not `records`.
-- Appended by every load for each batch not yet in it (insert_summary_dimensions.sql), so a
-- warehouse made before the table existed is filled by migration 2 (warehouse/migrations.py).
create table if not exists summary_dimensions (
    batch_id      varchar not null,
    programme_id  varchar not null,
    end_date      date not null,
    dimension     varchar not null,       -- 'occupation', 'category' or 'institution'
    value         varchar,
    trained       bigint not null,
    certified     bigint not null,
    employed      bigint not null
);

-- Per batch, programme and place: the batch's latest record date there and its records, rebuilt
-- whole from the summary by every load (rebuild_summary_batches.sql; migration 6 fills it for an
-- older file). What the Data page's freshness and batch ledger read: a few thousand rows where
-- the summary has millions.
create table if not exists summary_batches (
    batch_id      varchar not null,
    programme_id  varchar not null,
    province      varchar,
    city          varchar,
    county        varchar,
    town          varchar,
    latest_end    date not null,
    trained       bigint not null
);

-- The summary by programme, place and month of end_date (institutions and batches summed away),
-- rebuilt whole by every load (rebuild_summary_place_months.sql; migration 6 fills it for an older
-- file): the marts by place read its whole months and only the days of a month an as-of date or
-- a quota's period cuts from the summary (targets/sql/place_facts.sql). About one row in twenty
-- of the summary's.
create table if not exists summary_place_months (
    programme_id  varchar not null,
    province      varchar,
    city          varchar,
    county        varchar,
    town          varchar,
    month         date not null,          -- first day of the month
    trained       bigint not null,
    certified     bigint not null,
    employed      bigint not null
);

-- People (人 / 名 quotas count distinct ID numbers, CONTRACT §3): each person's first counted day
-- per quota, per year for a yearly quota (bucket = the year) or over the whole period (bucket 0),
-- with the day of their first certified and first employed counted training and the place of
-- their first. Kept by every load (etl/people.py) for the quotas in summary_people_scope.
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

-- The schema version of the file (warehouse/migrations.py): one row per upgrade, the highest is
-- the file's. A file made before versions has no rows: version 1.
create table if not exists schema_version (
    version       integer not null,
    applied_at    timestamp not null
);
