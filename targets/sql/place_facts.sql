-- Staging view stg_place_facts: the summary's rows the marts by place read (quota_facts.sql),
-- inside the user's region, with whole months summed. A month before the as-of date's cut
-- ($place_cut: the first day of the first month not wholly on or before the as-of date) comes
-- from summary_place_months (kept by loads; one row per programme, place and month, its
-- end_date the month's first day, no institution), unless a quota's period starts or ends inside
-- it for that programme (the pairs of $place_edge_programmes and $place_edge_months, made by
-- targets.marts from the scope): the days of such a month, and of the months from the cut to the
-- as-of date, come from the summary itself, so that quota_facts' join on the period and the
-- marts' `end_date <= $as_of` cut them as before. Put in front of a mart's CTEs by targets.marts
-- (Session.inline), its parameters bound with the mart's; a source without summary_place_months
-- (the Parquet lake) stages the summary's own rows under this name instead.
-- Inputs: summary, summary_place_months (warehouse), stg_region (region_scope.sql),
-- stg_quota_scope (quota_scope.sql: the programmes its unfiltered quotas read).
-- Parameters: $as_of, $place_cut, $place_edge_programmes, $place_edge_months.
with

region as (
    select * from stg_region
),

cut as (
    select $as_of::date as as_of, $place_cut::date as cut
),

programmes as (
    select distinct programme_id from stg_quota_scope where not filtered and not people
),

edges as (
    select
        unnest($place_edge_programmes::varchar[]) as programme_id,
        unnest($place_edge_months::date[]) as month
),

day_months as (  -- the months read by day: the edges, and any from the cut to the as-of date
    select month from edges
    union
    select cut.cut as month from cut where cut.cut <= cut.as_of
),

from_months as (
    select
        m.programme_id, m.province, m.city, m.county, m.town, null::varchar as institution,
        m.month as end_date, m.trained, m.certified, m.employed
    from summary_place_months as m
    cross join region as g
    cross join cut as c
    where m.month < c.cut
        and m.programme_id in (select programme_id from programmes)
        and (g.province is null or m.province = g.province)
        and (g.city is null or m.city = g.city)
        and (g.county is null or m.county = g.county)
        and (g.town is null or m.town = g.town)
        and not exists (
            select 1 from edges as e where e.programme_id = m.programme_id and e.month = m.month
        )
),

from_days as (
    select
        s.programme_id, s.province, s.city, s.county, s.town, s.institution, s.end_date,
        s.trained, s.certified, s.employed
    from summary as s
    cross join region as g
    cross join cut as c
    where s.month in (select month from day_months)
        and s.programme_id in (select programme_id from programmes)
        and (g.province is null or s.province = g.province)
        and (g.city is null or s.city = g.city)
        and (g.county is null or s.county = g.county)
        and (g.town is null or s.town = g.town)
        and (s.month >= c.cut or exists (
            select 1 from edges as e where e.programme_id = s.programme_id and e.month = s.month
        ))
),

final as (
    select * from from_months
    union all
    select * from from_days
)

select * from final
