"""The engine's Python API the pages call: per-year splits, the monthly trajectory, the scope."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from catalogue.loader import Catalogue
from catalogue.region_scope import EVERYWHERE
from catalogue.scope import Scope, build_scope, pieces
from targets import marts
from targets.places import region_progress
from targets.progress import progress
from targets.timeline import trajectory, yearly_progress
from tests.targets.progress_fixtures import Ledger, Warehouse

AS_OF = date(2025, 1, 15)


@pytest.fixture(scope="module")
def wh(make_warehouse: Callable[..., Warehouse]) -> Warehouse:
    led = Ledger()
    led.add("企业工人全员培训", date(2024, 10, 1), 5)
    led.add("企业工人全员培训", date(2025, 1, 10), 2)
    led.add("企业工人全员培训", date(2025, 1, 20), 1)  # after the as-of date
    led.add("黔菜师傅", date(2024, 3, 31), 4)
    led.add("农民工技能提升培训", date(2019, 5, 31), 10, certified=6)
    # Linshu's document also names 新型职业农民培育: the row's own region settles it
    led.add("新型职业农民培育", date(2019, 7, 31), 4, certified=4, county="运城市")
    led.add("测试丙项目", date(2024, 2, 1), 100)
    led.add("测试丙项目", date(2024, 2, 20), 1)
    return make_warehouse(led)


def test_per_year_split(wh: Warehouse) -> None:
    years = yearly_progress(
        AS_OF, region=EVERYWHERE, db=wh.path, programme="kaili-2024", catalogue=wh.catalogue
    )
    workers = years.filter(pl.col("programme_id") == "kaili-2024/enterprise-workers")
    got = workers.select("year", "target", "actual", "status").rows()
    assert got == [(2024, 400, 5, "missed"), (2025, 600, 2, "lagging")]
    y2025 = workers.row(1, named=True)
    assert y2025["time_progress"] == pytest.approx(15 / 365)
    assert y2025["completion"] == pytest.approx(2 / 600)
    assert (y2025["year_start"], y2025["year_end"]) == (date(2025, 1, 1), date(2025, 12, 31))
    total = years.filter(pl.col("programme_id") == "kaili-2024").select("year", "actual").rows()
    assert total == [(2024, 9), (2025, 2)]  # own rollup: every Kaili record of the year
    manual = years.filter(pl.col("programme_id").str.ends_with("demo-class"))
    assert manual.get_column("actual").to_list() == [None, None]


def test_per_year_of_a_sum_counts_its_measure_over_its_parts(wh: Warehouse) -> None:
    years = yearly_progress(
        date(2019, 12, 31),
        region=EVERYWHERE,
        db=wh.path,
        programme="yuncheng-2018",
        catalogue=wh.catalogue,
    )
    root = years.filter((pl.col("programme_id") == "yuncheng-2018") & (pl.col("year") == 2019))
    row = root.row(0, named=True)
    assert (row["target"], row["actual"], row["trained"]) == (200_000, 10, 14)  # certified
    assert row["certificate_rate"] == pytest.approx(10 / 14)
    assert row["status"] == "behind"  # the year's last day is inside the year: not missed yet
    assert row["time_progress"] == 1.0


def test_monthly_trajectory(wh: Warehouse) -> None:
    got = trajectory(
        date(2024, 2, 19),
        region=EVERYWHERE,
        db=wh.path,
        programme="testville-2024/c",
        catalogue=wh.catalogue,
    )
    expected = pl.DataFrame(
        {
            "programme_id": ["testville-2024/c"] * 4,
            "month": [date(2024, m, 1) for m in (1, 2, 3, 4)],
            "date": [date(2024, 1, 31), date(2024, 2, 19), date(2024, 3, 31), date(2024, 4, 9)],
            "actual": [0, 100, None, None],
            "cumulative": [0, 100, None, None],
            "target_trajectory": [62.0, 100.0, 182.0, 200.0],
            "time_progress": [0.31, 0.5, 0.91, 1.0],
        },
        schema_overrides={"actual": pl.Int64, "cumulative": pl.Int64},
    )
    assert_frame_equal(got, expected, check_exact=False)


def test_progress_frame_for_the_pages(wh: Warehouse) -> None:
    frame = progress(
        AS_OF,
        region=EVERYWHERE,
        db=wh.path,
        programme="kaili-2024/qiancai-chef",
        catalogue=wh.catalogue,
    )
    assert frame.get_column("programme_id").to_list() == [
        "kaili-2024/qiancai-chef",
        "kaili-2024/qiancai-chef/signature-dish",
    ]
    chef = frame.row(0, named=True)
    assert (chef["actual"], chef["target"], chef["certificate_rate"]) == (4, 100, 0.0)
    # no record in the last 90 days: no projection
    assert chef["projected_completion"] is None


def test_scope_of_own_sum_and_filtered_quotas(catalogue: Catalogue) -> None:
    own = {p.programme_id for p in pieces(catalogue, catalogue.get("kaili-2024"))}
    assert own == {"kaili-2024", *(q.id for q in catalogue.descendants("kaili-2024"))}
    summed = {p.programme_id for p in pieces(catalogue, catalogue.get("yuncheng-2018"))}
    assert "yuncheng-2018" in summed  # records naming the total itself count toward it
    assert "yuncheng-2018/farmer-skills/new-farmers" in summed  # a part's own descendants
    placed = pieces(catalogue, catalogue.get("kaili-2024/foshan-order/foshan-placement"))
    assert {p.programme_id for p in placed} >= {"kaili-2024/foshan-order"}
    assert all(p.filter and p.filter.employment_place == "佛山" for p in placed)
    assert pieces(catalogue, catalogue.get("kaili-2024/training-brand")) == []
    frame = build_scope(catalogue).frame
    assert frame.filter(pl.col("quota_id") == "testville-2024").height == 4  # itself + 3 parts


def test_marts_leave_a_reused_connection_clean(wh: Warehouse) -> None:
    scope = build_scope(wh.catalogue, [wh.catalogue.get("testville-2024/c")])
    with marts.warehouse(wh.path) as con:
        first = marts.quota_counts(con, scope, date(2024, 2, 19), EVERYWHERE)
        con.register("quota_scope", scope.frame)  # a caller's own names stay free
        con.unregister("quota_scope")
        again = marts.quota_counts(con, scope, date(2024, 2, 19), EVERYWHERE)
        temp = con.execute(
            "select (select count(*) from duckdb_views() where view_name in ?)"
            " + (select count(*) from duckdb_tables() where temporary)",
            [list(marts.STAGING)],
        ).fetchone()
    assert_frame_equal(first, again)
    assert first.select("quota_id", "trained").rows() == [("testville-2024/c", 100)]
    assert temp == (0,)


def test_a_session_answers_as_each_mart_alone(wh: Warehouse) -> None:
    cat, earlier, later = wh.catalogue, date(2024, 1, 31), date(2024, 2, 19)
    every = build_scope(cat)
    one = build_scope(cat, [cat.get("testville-2024/c")])
    runs: list[tuple[Callable[..., pl.DataFrame], Scope, date]] = [
        (marts.quota_counts, every, earlier),
        (marts.quota_months, one, earlier),
        (marts.region_counts, one, later),
        (marts.quota_years, every, later),  # the daily totals made again, up to `later`
        (marts.quota_counts, one, earlier),
        (marts.quota_counts, every, later),
    ]
    with marts.warehouse(wh.path) as con:
        alone = [mart(con, scope, as_of, EVERYWHERE) for mart, scope, as_of in runs]
        with marts.Session(con) as staged:
            together = [mart(staged, scope, as_of, EVERYWHERE) for mart, scope, as_of in runs]
        temp = con.execute(
            "select (select count(*) from duckdb_views() where view_name in ?)"
            " + (select count(*) from duckdb_tables() where temporary)",
            [list(marts.STAGING)],
        ).fetchone()
    for a, b in zip(alone, together, strict=True):
        assert_frame_equal(a.sort(a.columns), b.sort(b.columns))
    assert temp == (0,)


def test_places_at_county_level(wh: Warehouse) -> None:
    frame = region_progress(
        "testville-2024/c",
        date(2024, 2, 19),
        level="county",
        region=EVERYWHERE,
        db=wh.path,
        catalogue=wh.catalogue,
    )
    assert frame.columns[:3] == ["city", "county", "allocated"]
    assert frame.select("county", "target", "actual", "status").rows() == [
        ("测试县", None, 100, None)
    ]


def test_a_warehouse_made_before_loads_kept_daily_totals(
    wh: Warehouse, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A version-1 file (no summary_days, no schema_version, no subsidy audit) is migrated by the
    first reader, to the same answers; a load into such a warehouse migrates it too."""
    import shutil

    import duckdb

    from etl.load import load_files
    from warehouse.migrations import SCHEMA_VERSION, version_of
    from warehouse.store import outdated

    old = tmp_path_factory.mktemp("old") / "warehouse.duckdb"
    shutil.copyfile(wh.path, old)
    con = duckdb.connect(str(old))
    con.execute("drop table summary_days")
    con.execute("drop table schema_version")
    con.execute("drop table audit")
    con.close()
    loaded_copy = old.with_name("loaded.duckdb")
    shutil.copyfile(old, loaded_copy)
    for as_of in (AS_OF, date(2024, 2, 19)):
        kept = progress(as_of, region=EVERYWHERE, db=wh.path, catalogue=wh.catalogue)
        assert_frame_equal(progress(as_of, region=EVERYWHERE, db=old, catalogue=wh.catalogue), kept)
        years = yearly_progress(
            as_of, region=EVERYWHERE, db=old, programme="kaili-2024", catalogue=wh.catalogue
        )
        assert_frame_equal(
            years,
            yearly_progress(
                as_of, region=EVERYWHERE, db=wh.path, programme="kaili-2024", catalogue=wh.catalogue
            ),
        )
    led = Ledger()
    led.add("黔菜师傅", date(2024, 5, 31), 3)
    assert not outdated(old)  # the first progress() migrated it
    [r] = load_files([led.write(old.parent / "more.csv")], loaded_copy, catalogue=wh.catalogue)
    assert r.loaded == 3
    con = duckdb.connect(str(loaded_copy), read_only=True)
    try:
        days = con.execute("select sum(trained) from summary_days").fetchone()
        total = con.execute("select sum(trained) from summary").fetchone()
        assert version_of(con) == SCHEMA_VERSION
    finally:
        con.close()
    assert days == total and days is not None and days[0] > 3
