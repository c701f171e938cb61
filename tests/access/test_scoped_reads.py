"""Every read of the warehouse takes the user's region and keeps to it.

The read side is targets.marts (the engine's marts), the targets API over them, targets.queries
and dashboard.cached (what the pages call) and the briefing's gather: every public function of
theirs that reaches the warehouse (a connection, a marts session, a page run's reader or a db
path) must take a RegionScope without a default, so a new page or query cannot forget it. And
the region is kept: a town's user gets only that town's figures from each of them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import briefing.gather
import briefing.subsidy_section
import dashboard.cached
import dashboard.subsidy
import targets.institutions
import targets.marts
import targets.places
import targets.progress
import targets.queries
import targets.subsidy
import targets.timeline
from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE, resolve
from catalogue.scope import build_scope
from targets import marts, queries
from targets.plans import plans
from targets.regional import within
from warehouse.store import connect_read

READ_SIDE = (
    targets.marts,
    targets.progress,
    targets.places,
    targets.institutions,
    targets.timeline,
    targets.queries,
    dashboard.cached,
    briefing.gather,
    targets.subsidy,
    dashboard.subsidy,
    briefing.subsidy_section,
)
# What reaches the warehouse, by annotation or by name.
SOURCES = ("Con", "DuckDBPyConnection", "Source", "Session", "Reader")
SOURCE_NAMES = ("con", "db", "_r", "source")
# Functions that reach the warehouse but read no record: nothing of a region to keep to.
NOT_READS = {
    "targets.marts.warehouse": "opens the read-only connection",
}
AS_OF = date(2025, 9, 30)


def read_functions() -> list[tuple[str, Callable[..., Any]]]:
    out = []
    for module in READ_SIDE:
        for name, fn in vars(module).items():
            fn = getattr(fn, "__wrapped__", fn)  # st.cache_data keeps the function here
            if name.startswith("_") or not inspect.isfunction(fn):
                continue
            if fn.__module__ != module.__name__ or f"{module.__name__}.{name}" in NOT_READS:
                continue
            if any(_reaches(p) for p in inspect.signature(fn).parameters.values()):
                out.append((f"{module.__name__}.{name}", fn))
    return out


def _reaches(p: inspect.Parameter) -> bool:
    annotation = str(p.annotation)
    return p.name in SOURCE_NAMES or any(s in annotation for s in SOURCES)


def test_the_read_side_is_found() -> None:
    names = {n for n, _ in read_functions()}
    assert {
        "targets.marts.quota_counts",
        "targets.marts.institution_programmes",
        "targets.progress.progress",
        "targets.queries.place_months",
        "targets.queries.batch_history",
        "dashboard.cached.progress",
        "briefing.gather.gather",
        "targets.subsidy.money",
        "targets.subsidy.flag_counts",
        "targets.subsidy.flagged",
        "targets.subsidy.options",
        "dashboard.subsidy.audit",
        "briefing.subsidy_section.gather_subsidy",
    } <= names
    assert len(names) >= 35


@pytest.mark.parametrize(
    ("name", "fn"), read_functions(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_read_takes_a_region_without_a_default(name: str, fn: Callable[..., Any]) -> None:
    regions = [
        p for p in inspect.signature(fn).parameters.values() if "RegionScope" in str(p.annotation)
    ]
    assert regions, f"{name} reads the warehouse without taking the user's region"
    assert all(p.default is inspect.Parameter.empty for p in regions), f"{name}: a default region"


TOWN = resolve("凯里市·万潮镇")  # the page fixture's Kaili records: 万潮镇 ×6, 西门街道 ×3


@pytest.fixture
def con(fixture_warehouse: Path) -> Any:
    c = connect_read(fixture_warehouse)
    yield c
    c.close()


def test_a_town_sees_only_its_town(con: Any) -> None:
    cat = load_catalogue()
    mine = within(cat, TOWN)
    head = "kaili-2024/guizhou-technician"
    places = queries.region_counts(con, head, AS_OF, mine, TOWN)
    assert places.get_column("town").unique().to_list() == ["万潮镇"]
    assert places.get_column("trained").sum() == 3
    every = queries.region_counts(con, head, AS_OF, cat, EVERYWHERE)
    assert set(every.get_column("town")) == {"万潮镇", "西门街道"}
    progress = queries.all_progress(con, AS_OF, mine, TOWN)
    assert {q.split("-")[0] for q in progress.get_column("programme_id")} == {"kaili"}
    row = progress.filter(pl.col("programme_id") == head).row(0, named=True)
    assert (row["actual"], row["target"]) == (3, 18)  # the town's allocation, not the county's
    kaili = progress.filter(pl.col("programme_id") == "kaili-2024").row(0, named=True)
    assert (kaili["actual"], kaili["target"]) == (6, 173)  # 贵州技工 ×3 and 黔菜师傅 ×3
    months = queries.place_months(con, head, AS_OF, mine, "town", TOWN)
    assert months.get_column("town").unique().to_list() == ["万潮镇"]
    for dimension in ("occupation", "category", "institution"):
        split = queries.breakdown(con, head, AS_OF, mine, dimension, TOWN)
        assert split.get_column("trained").sum() == 3
    schools = queries.institution_programmes(con, 2025, mine, TOWN, AS_OF)
    assert schools.get_column("institution").unique().to_list() == ["凯里测试培训学校"]
    fresh = queries.freshness(con, plans(mine), TOWN)
    assert fresh.get_column("records").to_list() == [6]
    [batch] = queries.batch_history(con, plans(mine), TOWN).iter_rows(named=True)
    assert batch["loaded"] == 6 and batch["rows"] is None and batch["rejected"] is None
    [whole] = queries.batch_history(con, plans(cat), EVERYWHERE).iter_rows(named=True)
    assert (whole["loaded"], whole["rejected"]) == (10, 1)


def test_a_county_elsewhere_sees_nothing_of_kaili(con: Any) -> None:
    linshu = resolve("临沭县")
    cat = within(load_catalogue(), linshu)
    assert {q.id.split("-")[0] for q in cat.quotas} == {"linshu"}
    scope = build_scope(load_catalogue(), [load_catalogue().get("kaili-2024")])
    assert marts.region_counts(con, scope, AS_OF, linshu).is_empty()
    assert marts.quota_counts(con, scope, AS_OF, linshu).is_empty()
    with marts.Session(con) as s:  # one session, two regions: the staging follows the region
        assert marts.quota_counts(s, scope, AS_OF, EVERYWHERE).item(0, "trained") == 9
        assert marts.quota_counts(s, scope, AS_OF, linshu).is_empty()
        assert marts.quota_counts(s, scope, AS_OF, TOWN).item(0, "trained") == 6
    assert marts.institution_years(con, 2025, linshu).is_empty()


def test_a_region_cannot_be_dropped_by_a_query_file(con: Any) -> None:
    with pytest.raises(RuntimeError, match="does not bind the region"):
        queries._run(con, "quota_breakdown", {}, {"value": pl.String}, TOWN)


def test_a_region_without_an_allocation_has_no_target() -> None:
    cat = within(load_catalogue(), resolve("凯里市·西门街道"))
    assert cat.get("kaili-2024").target == 335  # targets/allocations/kaili-2024.csv
    assert within(load_catalogue(), resolve("凯里市·无分解镇")).get("kaili-2024").target is None
    assert within(load_catalogue(), resolve("凯里市")).get("kaili-2024").target == 6000


def test_a_towns_subsidy_audit_counts_only_its_towns_trainings(con: Any) -> None:
    cat = load_catalogue()
    ids = targets.subsidy.scope_of(cat, None)
    town = targets.subsidy.flag_counts(con, cat, AS_OF, ids, TOWN)
    every = targets.subsidy.flag_counts(con, cat, AS_OF, ids, EVERYWHERE)
    assert town.get_column("records").sum() == 6  # 万潮镇's six Kaili records, not 西门街道's
    assert every.get_column("records").sum() > town.get_column("records").sum()
    years, schools = targets.subsidy.options(con, ids, AS_OF, TOWN, cat)
    assert schools == ["凯里测试培训学校"] and years
    money = targets.subsidy.money(con, cat, AS_OF, ids, TOWN)
    assert set(money.get_column("institution")) <= {"凯里测试培训学校"}
    flagged = targets.subsidy.flagged(con, cat, ids, TOWN, as_of=AS_OF)
    whole = targets.subsidy.flagged(con, cat, ids, EVERYWHERE, as_of=AS_OF)
    assert set(flagged.get_column("institution")) <= {"凯里测试培训学校"}
    assert flagged.height <= whole.height
