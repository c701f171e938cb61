-- Migration 5: the subsidy audit by place. `audit` gains each record's town (it had its province,
-- city and county), from `records`; the place marts (audit_place_counts, audit_place_money;
-- tables.sql has just created them empty) are filled from `audit` as
-- etl/sql/insert_audit_marts.sql makes them, so that a user below a document's region (a city
-- under a province-wide plan, a town) reads them at once. Idempotent.
--
-- `audit` is made again with the town, its rows written out as they are joined (an update of
-- every row would hold them all in memory, over the write connection's limit at 10M records);
-- the table as audit_tables.sql creates it.
alter table audit add column if not exists town varchar;

-- a file made before the audit gets today's `audit` from tables.sql, without the ID number the
-- join below reads (it is dropped again by 008_slimmer_audit.sql)
alter table audit add column if not exists id_number varchar;

alter table audit rename to audit_before_towns;

create table audit (
    batch_id       varchar not null,
    source_sheet   varchar,
    source_row     integer not null,
    id_number      varchar not null,
    programme_id   varchar not null,
    province       varchar,
    city           varchar,
    county         varchar,
    town           varchar,
    institution    varchar,
    start_date     date not null,
    end_date       date not null,
    flags          integer not null,
    ineligible     boolean not null,
    first_amount   double not null,
    rest_amount    double not null,
    rest_condition varchar,
    rest_paid      date,
    rest_lapses    date,
    grant_amount   double not null,
    grant_paid     date,
    grant_lapses   date
);

insert into audit by name
select a.* exclude (town), r.town
from audit_before_towns as a
left join records as r
    on r.batch_id = a.batch_id
    and r.source_row = a.source_row
    and r.source_sheet is not distinct from a.source_sheet
    and r.id_number = a.id_number
    and r.start_date = a.start_date;

drop table audit_before_towns;

delete from audit_place_counts;

insert into audit_place_counts by name
select
    programme_id, institution, province, city, county, town, end_date, flags, ineligible,
    count(*) as records
from audit
group by all;

delete from audit_place_money;

insert into audit_place_money by name
with

paid as (
    select * from audit where first_amount + rest_amount + grant_amount > 0
),

parts as (
    select
        programme_id, institution, province, city, county, town, end_date,
        'on_completion' as condition, first_amount as amount, end_date as paid_on,
        null::date as lapses_on
    from paid
    where first_amount > 0
    union all
    select
        programme_id, institution, province, city, county, town, end_date,
        rest_condition, rest_amount, rest_paid, rest_lapses
    from paid
    where rest_amount > 0
    union all
    select
        programme_id, institution, province, city, county, town, end_date,
        'employment_grant', grant_amount, grant_paid, grant_lapses
    from paid
    where grant_amount > 0
),

events as (
    select *, 'open' as event, end_date as event_date from parts
    union all
    select *, 'pay', paid_on from parts where paid_on is not null
    union all
    select *, 'lapse', lapses_on from parts where lapses_on is not null
),

final as (
    select
        programme_id, institution, province, city, county, town,
        year(end_date) as year, condition, event, event_date,
        sum(amount) as amount,
        count(*) as records
    from events
    group by all
)

select * from final;
