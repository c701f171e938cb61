"""`python -m targets progress`, end to end: tiny ledgers loaded by the ETL, answers by hand.

Test quotas (see conftest.py): on 2024-02-19, day 50 of 100, time progress is exactly 0.5.
Kaili (2024-01-01 – 2025-12-31, 731 days): on 2025-01-15, time progress is 381/731.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tests.targets.progress_fixtures import Ledger, Warehouse

HALF = "2024-02-19"


def approx(expected: float) -> Any:
    """JSON floats carry 6 decimals."""
    return pytest.approx(expected, abs=1e-6)


KAILI_AS_OF = "2025-01-15"
KAILI_TP = 381 / 731
CONTRACT_KEYS = [
    "programme_id",
    "name",
    "target",
    "actual",
    "completion",
    "time_progress",
    "status",
    "certificate_rate",
    "employment_rate",
    "certificate_threshold",
    "employment_threshold",
]


def ledger() -> Ledger:
    feb1, late = date(2024, 2, 1), date(2024, 2, 20)
    led = Ledger()
    led.add("测试甲项目", feb1, 250, certified=200, employed=100, town="甲镇")
    led.add("测试甲项目", feb1, 100, certified=100, town="乙镇")
    led.add("测试甲项目", feb1, 51, employed=51, town="丁镇")
    led.add("测试甲项目", date(2023, 12, 31), 1)  # before the period: never counted
    led.add("测试乙项目", feb1, 160, certified=80)
    led.add("测试丙项目", feb1, 100)
    led.add("测试丙项目", late, 1)  # after 2024-02-19
    led.add("测试总量", feb1, 7)  # names the sum itself: counted by it, part of no child
    led.add("自有汇总项目", feb1, 10)
    led.add("自有子项目", feb1, 20)
    # Kaili, real quotas
    led.add("贵州技工", date(2024, 6, 30), 10, certified=9, employed=8)
    led.add("“贵州技工”工程", date(2023, 12, 31), 1)  # before the period
    led.add("企业工人全员培训", date(2024, 10, 1), 5)
    led.add("企业工人技能培训", date(2025, 1, 10), 2)
    led.add("企业工人全员培训", date(2025, 1, 20), 1)  # after the as-of date
    order = "东西部协作订单定岗培训"
    led.add(order, date(2024, 9, 30), 3, employed=3, place="广东省佛山市顺德区")
    led.add(order, date(2024, 9, 30), 1, employed=1, place="凯里市")
    led.add(order, date(2024, 9, 30), 6)
    # Linshu: no target until the city sets one
    led.add("职业技能提升行动", date(2020, 6, 30), 5, certified=5, county="临沭县")
    return led


@pytest.fixture(scope="module")
def wh(make_warehouse: Callable[..., Warehouse]) -> Warehouse:
    return make_warehouse(ledger())


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["programme_id"]: r for r in rows}


def test_json_follows_the_contract_and_lists_every_quota(wh: Warehouse) -> None:
    rows = wh.json("progress", "--as-of", HALF)
    assert all(list(r)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS for r in rows)
    ids = [r["programme_id"] for r in rows]
    assert ids == [q.id for q in wh.catalogue.quotas]


def test_status_boundaries_and_a_sum_rollup(wh: Warehouse) -> None:
    rows = by_id(wh.json("progress", "--as-of", HALF, "--programme", "testville-2024"))
    assert list(rows) == [
        "testville-2024",
        "testville-2024/a",
        "testville-2024/b",
        "testville-2024/c",
    ]
    a, b, c, total = (rows[f"testville-2024{s}"] for s in ("/a", "/b", "/c", ""))
    assert (a["actual"], a["completion"], a["time_progress"], a["status"]) == (
        401,
        0.401,
        0.5,
        "lagging",
    )  # 9.9 points behind
    assert (b["actual"], b["completion"], b["status"]) == (160, 0.4, "behind")  # exactly 10
    assert (c["actual"], c["completion"], c["status"]) == (100, 0.5, "on_track")  # on pace
    # the sum: its children's actuals and the 7 records naming the sum itself, rates summed
    assert (total["target"], total["actual"]) == (1600, 668)
    assert total["completion"] == approx(668 / 1600)
    assert total["status"] == "lagging"
    assert total["certificate_rate"] == approx((300 + 80) / 668)
    assert total["employment_rate"] == approx(151 / 668)
    assert a["needed_to_be_on_pace"] == 99 and b["needed_to_be_on_pace"] == 40
    assert c["needed_to_be_on_pace"] == 0


def test_own_rollup_counts_itself_and_its_descendants(wh: Warehouse) -> None:
    rows = by_id(wh.json("progress", "--as-of", HALF, "--programme", "ownville-2024"))
    root, part = rows["ownville-2024"], rows["ownville-2024/part"]
    assert (root["actual"], root["completion"], root["status"]) == (30, 0.3, "behind")
    assert (part["actual"], part["completion"], part["status"]) == (20, 0.4, "behind")
    assert root["certificate_rate"] == 0.0 and root["employment_rate"] == 0.0


def test_before_and_after_the_period(wh: Warehouse) -> None:
    before = by_id(wh.json("progress", "--as-of", "2023-12-31", "--programme", "testville-2024"))
    assert {r["status"] for r in before.values()} == {"not_started"}
    assert {r["actual"] for r in before.values()} == {0}
    assert before["testville-2024/a"]["certificate_rate"] is None  # nothing counted
    assert before["testville-2024/a"]["time_progress"] == 0.0
    after = by_id(wh.json("progress", "--as-of", "2024-05-01", "--programme", "testville-2024"))
    assert after["testville-2024/c"]["actual"] == 101  # the record of 2024-02-20 now counts
    assert after["testville-2024/a"]["status"] == "missed"
    assert after["testville-2024/a"]["time_progress"] == 1.0
    assert after["testville-2024/a"]["projected_completion"] is None


def test_kaili_quotas_rates_filters_and_manual_ones(wh: Warehouse) -> None:
    rows = by_id(wh.json("progress", "--as-of", KAILI_AS_OF, "--programme", "kaili-2024"))
    assert next(iter(rows)) == "kaili-2024"
    assert set(rows) == {"kaili-2024", *(q.id for q in wh.catalogue.descendants("kaili-2024"))}
    tech = rows["kaili-2024/guizhou-technician"]
    assert (tech["actual"], tech["certificate_rate"], tech["employment_rate"]) == (10, 0.9, 0.8)
    assert (tech["certificate_threshold"], tech["employment_threshold"]) == (0.9, 0.8)
    assert tech["time_progress"] == approx(KAILI_TP)
    assert tech["status"] == "behind"
    assert tech["needed_to_be_on_pace"] == -(-600 * 381 // 731) - 10  # ceil(312.7) − 10
    workers = rows["kaili-2024/enterprise-workers"]
    assert workers["actual"] == 7  # 5 in 2024, 2 in 2025 up to the 15th
    order = rows["kaili-2024/foshan-order"]
    assert (order["actual"], order["employment_rate"]) == (10, 0.4)
    share = rows["kaili-2024/foshan-order/employed-share"]
    assert (share["target"], share["target_rate"], share["actual"]) == (None, 0.1, 3)
    assert share["share"] == approx(0.3)
    assert (share["completion"], share["status"]) == (approx(3.0), "completed")
    placed = rows["kaili-2024/foshan-order/foshan-placement"]
    assert (placed["target"], placed["actual"], placed["completion"]) == (20, 3, 0.15)
    assert placed["status"] == "behind"
    total = rows["kaili-2024"]
    assert (total["actual"], total["target"]) == (27, 6000)  # every Kaili record
    manual = rows["kaili-2024/guizhou-technician/demo-class"]
    assert (manual["measure"], manual["actual"], manual["status"]) == ("manual", None, None)
    assert manual["target"] == 2 and manual["completion"] is None


def test_a_quota_without_target_shows_its_actual_only(wh: Warehouse) -> None:
    rows = by_id(wh.json("progress", "--as-of", "2020-12-31", "--programme", "linshu-2019"))
    linshu = rows["linshu-2019"]
    assert (linshu["target"], linshu["actual"]) == (None, 5)
    assert (linshu["completion"], linshu["status"], linshu["certificate_rate"]) == (None, None, 1.0)
    assert linshu["time_progress"] == approx(731 / 1096)


def test_readable_table(wh: Warehouse) -> None:
    done = wh.cli("progress", "--as-of", HALF, "--programme", "testville-2024")
    assert done.returncode == 0, done.stderr
    assert (
        "序时进度" in done.stdout and "滞后" in done.stdout and "落后" in done.stdout
    )  # as on screen
    assert "测试甲项目" in done.stdout and "1,600" in done.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ("progress", "--as-of", HALF, "--programme", "nowhere-2024"),
            1,
            "no quota 'nowhere-2024'",
        ),
        (("progress", "--as-of", "2024-02-30"), 2, "is not a date"),
        (("progress", "--as-of", "19/02/2024"), 2, "YYYY-MM-DD"),
        (("towns", "--programme", "kaili-2024/training-brand", "--as-of", HALF), 1, "manual"),
        (("institutions", "--year", "24"), 2, "is not a year"),
    ],
)
def test_errors_are_messages_not_tracebacks(
    wh: Warehouse, args: tuple[str, ...], code: int, message: str
) -> None:
    done = wh.cli(*args)
    assert done.returncode == code
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_missing_warehouse_is_a_message(wh: Warehouse, tmp_path: Any) -> None:
    done = wh.cli("progress", "--as-of", HALF, db=tmp_path / "none.duckdb")
    assert done.returncode == 1
    assert "no warehouse here yet" in done.stderr and "Traceback" not in done.stderr
