"""Property: the marts count what the rules say, record by record, for any ledger and date.

Records are inserted with SQL and summarised batch by batch with etl/sql/insert_summary.sql,
then rebuild_summary_days.sql (as loads do); the oracle counts the same records in plain Python
from the rules of targets/scope.py: own = itself and its descendants, sum = the union of its
parts and its own records, a filter = its parent's records passing it, always inside the quota's
period and up to the as-of date.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

import duckdb
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.loader import Catalogue
from catalogue.model import Quota
from catalogue.region_scope import EVERYWHERE
from catalogue.scope import build_scope
from etl.statements import sql
from targets import marts
from warehouse.store import create_schema

QUOTAS = [
    "testville-2024",
    "testville-2024/a",
    "testville-2024/b",
    "ownville-2024",
    "ownville-2024/part",
    "kaili-2024/foshan-order",
    "kaili-2024/foshan-order/foshan-placement",
]
PROGRAMMES = [
    "testville-2024",
    "testville-2024/a",
    "testville-2024/b",
    "testville-2024/c",
    "ownville-2024",
    "ownville-2024/part",
    "kaili-2024/foshan-order",
    "kaili-2024/foshan-order/foshan-placement",
]
DAY0 = date(2023, 12, 1)

records = st.lists(
    st.tuples(
        st.sampled_from(PROGRAMMES),
        st.integers(0, 200),  # end_date = DAY0 + n: before, inside and after the periods
        st.booleans(),
        st.booleans(),
        st.sampled_from([None, "广东省佛山市", "凯里市"]),
        st.integers(0, 2),  # batch
    ),
    max_size=40,
)


def counted(cat: Catalogue, q: Quota, rows: list[dict[str, Any]], as_of: date) -> list[int]:
    """Indexes of the rows the quota counts, by the rules, without the engine."""

    def inside(i: int) -> bool:
        day = rows[i]["end_date"]
        return q.period_start <= day <= q.period_end and day <= as_of

    if q.filter is not None:
        parent = counted(cat, cat.get(q.parent_id or ""), rows, as_of)
        place = q.filter.employment_place or ""
        return [i for i in parent if inside(i) and place in (rows[i]["employment_place"] or "")]
    if q.rollup == "sum":
        parts = [k for k in cat.children(q.id) if k.measure != "manual" and k.filter is None]
        mine = {i for i, r in enumerate(rows) if r["programme_id"] == q.id}
        parts_rows = {i for k in parts for i in counted(cat, k, rows, as_of)}
        return sorted(i for i in mine | parts_rows if inside(i))
    own = {q.id, *(d.id for d in cat.descendants(q.id))}
    return [i for i, r in enumerate(rows) if r["programme_id"] in own and inside(i)]


def kept(q: Quota, row: dict[str, Any], as_of: date) -> bool:
    """A placement counts once kept the quota's retention months since its employment date
    (the end date where none is given) by the as-of date (稳岗三个月以上)."""
    if not q.retention_months:
        return True
    start = row.get("employment_date") or row["end_date"]
    month = start.month - 1 + q.retention_months
    year, month = start.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return start.replace(year=year, month=month, day=min(start.day, last)) <= as_of


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ledger=records, as_of_day=st.integers(0, 200))
def test_marts_count_what_the_rules_say(
    catalogue: Catalogue, ledger: list[tuple[Any, ...]], as_of_day: int
) -> None:
    rows = [
        {
            "batch_id": f"b{batch}",
            "source_row": n + 1,
            "name": f"学员{n}",
            "id_number": f"{n:018d}",
            "programme_id": pid,
            "programme_raw": pid,
            "start_date": DAY0,
            "end_date": DAY0 + timedelta(days=day),
            "certified": cert,
            "employed": emp or place is not None,
            "employment_place": place,
            "town": "甲镇",
            "key_hash": n,
        }
        for n, (pid, day, cert, emp, place, batch) in enumerate(ledger)
    ]
    as_of = DAY0 + timedelta(days=as_of_day)
    con = duckdb.connect()
    try:
        create_schema(con)
        for row in rows:
            columns = ", ".join(row)  # our own column names
            marks = ", ".join("?" * len(row))
            con.execute(f"insert into records ({columns}) values ({marks})", list(row.values()))
        for batch in sorted({r["batch_id"] for r in rows}):
            con.execute(sql("insert_summary"), {"batch_id": batch})
        con.execute(sql("rebuild_summary_days"))
        quotas = [catalogue.get(q) for q in QUOTAS]
        got = marts.quota_counts(con, build_scope(catalogue, quotas), as_of, EVERYWHERE)
    finally:
        con.close()
    by_quota = {r["quota_id"]: r for r in got.to_dicts()}
    for q in quotas:
        idx = counted(catalogue, q, rows, as_of)
        expected = (
            len(idx),
            sum(rows[i]["certified"] for i in idx),
            sum(rows[i]["employed"] and kept(q, rows[i], as_of) for i in idx),
        )
        row = by_quota.get(q.id, {"trained": 0, "certified": 0, "employed": 0})
        assert (row["trained"], row["certified"], row["employed"]) == expected, q.id
    assert isinstance(got, pl.DataFrame)
