"""The reference the subsidy property test holds the place marts to: a region's figures counted
from every judged training inside it (etl.audit.judge_every_record's temp table audit_every, made
by the test first), its places read from `records` (what targets.subsidy did before the loads
kept place marts). `read(con, name, params)` stands in for targets.subsidy._inside: the same
parameters, the same columns."""

from __future__ import annotations

from typing import Any

import duckdb
import polars as pl

from targets import subsidy

INSIDE = """
with

region_audit as (
    select a.*
    from audit_every as a
    join records as r
        on r.batch_id = a.batch_id
        and r.source_row = a.source_row
        and r.source_sheet is not distinct from a.source_sheet
    where a.end_date <= $as_of
        and list_contains($programmes, a.programme_id)
        and ($year is null or year(a.end_date) = $year)
        and ($institution is null or a.institution = $institution)
        and ($scope_province::varchar is null or r.province = $scope_province)
        and ($scope_city::varchar is null or r.city = $scope_city)
        and ($scope_county::varchar is null or r.county = $scope_county)
        and ($scope_town::varchar is null or r.town = $scope_town)
),
"""

FINAL = {
    "subsidy_counts": """
final as (
    select institution, programme_id, flags, ineligible, count(*)::bigint as records
    from region_audit
    group by institution, programme_id, flags, ineligible
)

select * from final
""",
    "subsidy_years": """
final as (
    select distinct year(end_date) as year from region_audit
)

select * from final order by year desc
""",
    "subsidy_money": """
paid as (
    select * from region_audit where first_amount + rest_amount + grant_amount > 0
),

parts as (
    select
        programme_id, institution,
        'on_completion' as condition, first_amount as amount, end_date as opened_on,
        end_date as paid_on, null::date as lapses_on
    from paid
    where first_amount > 0
    union all
    select programme_id, institution, rest_condition, rest_amount, end_date, rest_paid, rest_lapses
    from paid
    where rest_amount > 0
    union all
    select programme_id, institution, 'employment_grant', grant_amount, end_date, grant_paid,
        grant_lapses
    from paid
    where grant_amount > 0
),

events as (
    select programme_id, institution, condition, amount, 'open' as event, opened_on as event_date
    from parts
    union all
    select programme_id, institution, condition, amount, 'pay', paid_on
    from parts
    where paid_on is not null
    union all
    select programme_id, institution, condition, amount, 'lapse', lapses_on
    from parts
    where lapses_on is not null
),

final as (
    select
        institution,
        programme_id,
        condition,
        coalesce(sum(amount) filter (where event = 'open'), 0) as opened,
        coalesce(sum(amount) filter (where event = 'pay' and event_date <= $as_of), 0) as paid,
        coalesce(sum(amount) filter (where event = 'lapse' and event_date <= $as_of), 0)
            as lapsed,
        count(*) filter (where event = 'open')
            - count(*) filter (where event <> 'open' and event_date <= $as_of) as waiting
    from events
    group by institution, programme_id, condition
)

select * from final
""",
}


def read(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> pl.DataFrame:
    """targets.subsidy._inside, counted from every judged record and `records` instead of the
    place marts."""
    return subsidy._read(con, INSIDE + FINAL[name], params)
