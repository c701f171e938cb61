-- The subsidy audit's tables (etl/audit.py keeps them current in every load's transaction).

-- One row per flagged record (a record without a flag is only counted, in the marts): what
-- identifies it (its batch, sheet and row: the flags list reads the person from `records`), its
-- places and its flags (bits of catalogue.rules.FLAG_BITS). Its money is summed in the money
-- marts only.
create table if not exists audit (
    batch_id       varchar not null,
    source_sheet   varchar,
    source_row     integer not null,
    programme_id   varchar not null,
    province       varchar,
    city           varchar,
    county         varchar,
    town           varchar,                -- the record's own places, for a region's reads
    institution    varchar,
    start_date     date not null,
    end_date       date not null,
    flags          integer not null,
    ineligible     boolean not null        -- a flag whose rule excludes the record from subsidy
);

-- Records by programme, institution, end date and flags: the flag counts' mart.
create table if not exists audit_counts (
    programme_id varchar not null,
    institution  varchar,
    end_date     date not null,
    flags        integer not null,
    ineligible   boolean not null,
    records      bigint not null
);

-- Money events by day: a part opens when its training ends, is paid, or lapses. A part paid on
-- completion is paid as it opens: it has no pay event of its own (schema 8). At an as-of date,
-- payable = paid events and on-completion opens up to it, withheld = opened − paid − lapsed.
create table if not exists audit_money (
    programme_id varchar not null,
    institution  varchar,
    year         integer not null,        -- the end date's year
    condition    varchar not null,        -- on_completion | employment | certificate | project_employment | employment_grant
    event        varchar not null,        -- open | pay | lapse
    event_date   date not null,
    amount       double not null,
    records      bigint not null
);

-- The digest of the rules the audit was computed with: other rules, a full recompute.
create table if not exists audit_state (
    rules_digest varchar not null
);

-- The two marts again by the end date's (or event date's) month: the reads take whole months
-- before an as-of date from these and only the as-of date's own month from the day tables.
create table if not exists audit_counts_months (
    programme_id varchar not null,
    institution  varchar,
    end_month    date not null,           -- the first day of the end date's month
    flags        integer not null,
    ineligible   boolean not null,
    records      bigint not null
);

create table if not exists audit_money_months (
    programme_id varchar not null,
    institution  varchar,
    year         integer not null,
    condition    varchar not null,
    event        varchar not null,
    event_month  date not null,           -- the first day of the event date's month
    amount       double not null,
    records      bigint not null
);

-- The two day marts again with the records' places (province, city, county, town; the money's
-- by audit_money_places's id, with the programme and institution): a user whose
-- region lies below a programme's document region (a city under a province-wide plan, any town)
-- reads these, filtered to the region, instead of counting `audit`. Kept by the same keys. The
-- place counts keep the flagged records only (schema 9): the unflagged are the summary's
-- trainings less the flagged ones.
create table if not exists audit_place_counts (
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

-- The money's places (schema 10): one id for each (programme, institution, province, city, county,
-- town) a judged training of a paying programme had, so that the money by place is summed and
-- stored on one integer instead of six texts. Ids are never reused; a load adds the new places.
create table if not exists audit_money_places (
    place_id     integer not null,
    programme_id varchar not null,
    institution  varchar,
    province     varchar,
    city         varchar,
    county       varchar,
    town         varchar
);

create table if not exists audit_place_events (
    place_id     integer not null,        -- audit_money_places
    year         integer not null,
    condition    varchar not null,
    event        varchar not null,
    event_date   date not null,
    amount       double not null,
    records      bigint not null
);
