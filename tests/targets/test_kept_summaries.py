"""What the pages read from the loads' kept summaries gives exactly what the engine's own marts
give, on a demo warehouse with people counted as people, filters and sub-quotas, for every
region: the one mart run per as-of date (queries.month_counts) — every quota's progress, a
quota's months and its per-year split — and the marts by place over whole months
(summary_place_months, targets/sql/place_facts.sql) — a quota's places and their months — at
as-of dates inside a month, at its end and inside a month a quota's period starts in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE, RegionScope
from catalogue.scope import build_scope
from demo.build import build_demo
from targets import marts, queries
from targets.regional import within
from tests.targets.progress_fixtures import Ledger, Warehouse

TODAY = date(2025, 10, 15)
REGIONS = [
    EVERYWHERE,
    RegionScope("浙江省"),
    RegionScope("贵州省", "黔东南苗族侗族自治州", "凯里市"),
    RegionScope("山东省", "临沂市", "临沭县"),
]
AS_OF = [date(2020, 6, 15), date(2023, 12, 31), date(2024, 11, 7), date(2025, 9, 30)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("months") / "warehouse.duckdb"
    build_demo(db, rows=4000, seed=5, today=TODAY, verbose=False)
    return db


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=False)


@pytest.mark.parametrize("region", REGIONS, ids=lambda r: r.path or "all")
def test_month_counts_answer_as_the_marts_do(demo: Path, region: RegionScope) -> None:
    cat = within(load_catalogue(), region)
    con = duckdb.connect(str(demo), read_only=True)
    try:
        for as_of in AS_OF:
            with marts.Session(con) as s:
                by_month = queries.month_counts(s, as_of, cat, region)
                progress = queries.all_progress(s, as_of, cat, region)
                assert_frame_equal(queries.progress_from_months(by_month, as_of, cat), progress)
                counted = 0
                for q in cat.quotas:
                    months = queries.quota_months(s, q.id, as_of, cat, region)
                    counted += months.height
                    assert_frame_equal(_sorted(queries.months_of(by_month, q.id)), _sorted(months))
                    assert_frame_equal(
                        queries.years_from_months(by_month, q.id, as_of, cat),
                        queries.quota_years(s, q.id, as_of, cat, region),
                    )
        assert counted > 0  # the last as-of date has months to compare
    finally:
        con.close()


PLACE_AS_OF = [
    date(2021, 3, 15),  # inside the month Zhejiang's period starts in (2021-03-29)
    date(2021, 3, 31),
    date(2021, 4, 1),
    date(2023, 12, 31),  # a month's last day: every month whole
    date(2024, 11, 7),
    date(2025, 9, 30),
]


def _by_summary(session: marts.Session) -> None:
    """Stage the marts by place over the summary's own rows, as a source without
    summary_place_months does (the answers to compare with)."""
    session._place_kind = "summary"


@pytest.mark.parametrize("region", REGIONS, ids=lambda r: r.path or "all")
def test_marts_by_place_from_whole_months_answer_as_the_summary_does(
    demo: Path, region: RegionScope
) -> None:
    cat = within(load_catalogue(), region)
    quotas = [q for q in cat.quotas if q.parent_id is None]  # each plan's own quota
    scope = build_scope(cat, quotas)
    con = duckdb.connect(str(demo), read_only=True)
    try:
        seen = 0
        for as_of in PLACE_AS_OF:
            answers = []
            for summary_rows in (False, True):
                with marts.Session(con) as s:
                    if summary_rows:
                        _by_summary(s)
                    counts = marts.region_counts(s, scope, as_of, region)
                    months = marts.place_months(s, scope, as_of, region)
                    answers.append((_sorted(counts), _sorted(months)))
            (kept_counts, kept_months), (counts, months) = answers
            assert_frame_equal(kept_counts, counts)
            assert_frame_equal(kept_months, months)
            seen += counts.height
            # a place's months add up to its figure in the ranking: the Towns page ranks the
            # places from their months (queries.counts_of_months), one mart for both
            assert_frame_equal(_sorted(queries.counts_of_months(months)), counts)
        assert seen > 0
    finally:
        con.close()


def test_a_month_a_period_ends_inside_is_read_by_day(
    make_warehouse: Callable[..., Warehouse],
) -> None:
    """测试甲项目's period ends on 2024-04-09: of April's records only those up to that day
    count, though April is a whole month before the as-of date; at an as-of date inside April,
    only the days up to it."""
    led = Ledger()
    led.add("测试甲项目", date(2024, 3, 20), 2, town="甲镇")
    led.add("测试甲项目", date(2024, 4, 5), 3, certified=1, town="甲镇")
    led.add("测试甲项目", date(2024, 4, 20), 7, town="甲镇")  # after the period
    led.add("测试甲项目", date(2024, 4, 8), 4, town="乙镇")
    wh = make_warehouse(led)
    q = wh.catalogue.get("testville-2024/a")
    scope = build_scope(wh.catalogue, [q])
    con = duckdb.connect(str(wh.path), read_only=True)
    try:
        for as_of, expected in (
            (date(2024, 5, 31), {"甲镇": (5, 1), "乙镇": (4, 0)}),
            (date(2024, 4, 6), {"甲镇": (5, 1)}),
            (date(2024, 3, 31), {"甲镇": (2, 0)}),
        ):
            with marts.Session(con) as s:
                counts = marts.region_counts(s, scope, as_of, EVERYWHERE)
                months = marts.place_months(s, scope, as_of, EVERYWHERE)
            got = {r["town"]: (r["trained"], r["certified"]) for r in counts.iter_rows(named=True)}
            assert got == expected, as_of
            assert months.get_column("trained").sum() == sum(t for t, _ in expected.values())
    finally:
        con.close()
