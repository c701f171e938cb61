"""People are people: 人 / 名 quotas count distinct ID numbers, 人次 quotas count records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE
from catalogue.scope import build_scope
from etl.load import load_files
from targets import marts
from targets.progress import progress
from targets.timeline import yearly_progress
from tests.targets.progress_fixtures import TODAY, gb11643

HEADERS = [
    "姓名",
    "身份证号",
    "培训项目",
    "开班日期",
    "结业日期",
    "是否取证",
    "是否就业",
    "培训机构",
]
ANNA, BO = gb11643(1), gb11643(2)


def ledger(path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    """rows of (ID, programme, end date, certified, institution); each training starts on its
    end date's first of the month."""
    lines = [",".join(HEADERS)]
    for i, (id_, programme, end, cert, inst) in enumerate(rows):
        start = end[:8] + "01"
        name = {ANNA: "王安娜", BO: "李博"}.get(id_, f"学员{i}")
        lines.append(",".join([name, id_, programme, start, end, cert, "否", inst]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load(db: Path, path: Path, region: str) -> None:
    [r] = load_files([path], db, today=TODAY, region=region)
    assert (r.loaded, r.rejected, r.duplicates) == (r.rows, 0, 0), r.to_json()


def figures(db: Path, as_of: date, programme: str) -> dict[str, tuple[int, int, float | None]]:
    frame = progress(as_of, region=EVERYWHERE, db=db, programme=programme)
    return {
        r["programme_id"]: (r["trained"], r["actual"], r["certificate_rate"])
        for r in frame.iter_rows(named=True)
    }


YUNCHENG = [  # 农民工技能提升培训: 人, a yearly target, measured by certified people
    (ANNA, "农民工技能提升培训", "2019-03-20", "否", "甲校"),
    (ANNA, "农民工技能提升培训", "2019-06-20", "是", "甲校"),  # certified in one of three
    (ANNA, "农民工技能提升培训", "2019-09-20", "否", "乙校"),
    (BO, "农民工技能提升培训", "2019-09-20", "否", "甲校"),
    (ANNA, "农民工技能提升培训", "2020-02-20", "是", "甲校"),  # another year: counted again
]


def test_a_person_trained_three_times_in_a_year_counts_once_under_a_people_quota(
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.duckdb"
    load(db, ledger(tmp_path / "运城.csv", YUNCHENG), "运城市")
    got = figures(db, date(2019, 12, 31), "yuncheng-2018/migrant-workers")
    # 2019: two people trained, one certified (any of Anna's three trainings is)
    assert got["yuncheng-2018/migrant-workers"] == (2, 1, 0.5)
    got = figures(db, date(2020, 12, 31), "yuncheng-2018/migrant-workers")
    # the period's figure is the sum of its years: 2 + 1 trained, 1 + 1 certified
    assert got["yuncheng-2018/migrant-workers"] == (3, 2, 2 / 3)
    # the sum of the parts counts Anna once a year too
    total = figures(db, date(2020, 12, 31), "yuncheng-2018")["yuncheng-2018"]
    assert total == (3, 2, 2 / 3)
    # before her certified training ended, Anna was trained but not certified
    assert figures(db, date(2019, 5, 31), "yuncheng-2018/migrant-workers")[
        "yuncheng-2018/migrant-workers"
    ] == (1, 0, 0.0)


def test_the_same_trainings_under_a_person_time_quota_count_three_times(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    rows = [(ANNA, "黔菜师傅", end, cert, "甲校") for end, cert in (
        ("2024-03-20", "否"), ("2024-06-20", "是"), ("2024-09-20", "否")
    )]  # fmt: skip
    load(db, ledger(tmp_path / "凯里.csv", rows), "凯里市")
    got = figures(db, date(2024, 12, 31), "kaili-2024/qiancai-chef")
    assert got["kaili-2024/qiancai-chef"] == (3, 3, 1 / 3)


def test_later_batches_merge_with_the_people_already_counted(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, ledger(tmp_path / "a.csv", YUNCHENG[:2]), "运城市")
    load(db, ledger(tmp_path / "b.csv", YUNCHENG[2:]), "运城市")
    got = figures(db, date(2020, 12, 31), "yuncheng-2018/migrant-workers")
    assert got["yuncheng-2018/migrant-workers"] == (3, 2, 2 / 3)


def test_counted_from_records_when_the_kept_people_are_for_another_scope(tmp_path: Path) -> None:
    """A warehouse whose people were kept for another catalogue (or none) gives the same answer:
    the marts count those quotas from records until the next load."""
    db = tmp_path / "w.duckdb"
    load(db, ledger(tmp_path / "运城.csv", YUNCHENG), "运城市")
    cat = load_catalogue()
    scope = build_scope(cat, [cat.get("yuncheng-2018"), *cat.descendants("yuncheng-2018")])
    with marts.warehouse(db) as con:
        kept = marts.quota_counts(con, scope, date(2020, 12, 31), EVERYWHERE).sort("quota_id")
    stale = tmp_path / "stale.duckdb"
    con = duckdb.connect(str(db))
    try:
        con.execute(f"attach '{stale}' as stale")  # a test path of our own
        con.execute("copy from database w to stale")
        con.execute("update stale.summary_people_scope set period_end = date '2030-12-31'")
        con.execute("delete from stale.summary_people_days")
    finally:
        con.close()
    with marts.warehouse(stale) as con:
        fresh = marts.quota_counts(con, scope, date(2020, 12, 31), EVERYWHERE).sort("quota_id")
    assert kept.equals(fresh)
    migrant = kept.filter(pl.col("quota_id") == "yuncheng-2018/migrant-workers")
    assert migrant.select("trained", "certified").row(0) == (3, 2)


def placement_ledger(path: Path, employed_on: str) -> Path:
    """Kaili's order training: one trainee placed in 佛山 on `employed_on`."""
    lines = ["姓名,身份证号,培训项目,开班日期,结业日期,是否取证,是否就业,就业日期,就业地点"]
    lines.append(
        f"王安娜,{ANNA},订单定岗培训,2024-05-01,2024-05-20,是,是,{employed_on},广东省佛山市"
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_placement_counts_once_kept_three_months_and_is_pending_until_then(
    tmp_path: Path,
) -> None:
    db = tmp_path / "w.duckdb"
    load(db, placement_ledger(tmp_path / "k.csv", "2024-06-10"), "凯里市")
    qid = "kaili-2024/foshan-order/foshan-placement"

    def placed(as_of: date) -> tuple[int, int | None]:
        row = progress(as_of, region=EVERYWHERE, db=db, programme=qid).row(0, named=True)
        return row["actual"], row["pending"]

    assert placed(date(2024, 9, 9)) == (0, 1)  # placed, three months not yet passed
    assert placed(date(2024, 9, 10)) == (1, 0)  # 2024-06-10 + 3 months
    share = progress(
        date(2024, 9, 9), region=EVERYWHERE, db=db, programme="kaili-2024/foshan-order"
    )
    assert share.filter(pl.col("programme_id") == "kaili-2024/foshan-order")["pending"][0] is None


def test_an_average_a_year_gets_no_verdict_for_a_year_alone(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    rows = [(gb11643(10 + i), "职业技能培训", "2024-06-20", "是", "甲校") for i in range(58)]
    load(db, ledger(tmp_path / "k.csv", rows), "凯里市")
    years = yearly_progress(date(2025, 6, 30), region=EVERYWHERE, db=db, programme="kaili-2024")
    y2024 = years.filter(pl.col("year") == 2024).row(0, named=True)
    # the year's count beside the average, no 未完成 (missed) for 2024 alone
    assert (y2024["actual"], y2024["target"], y2024["status"], y2024["average"]) == (
        58,
        3000,
        None,
        True,
    )
    whole = progress(date(2025, 6, 30), region=EVERYWHERE, db=db, programme="kaili-2024").row(
        0, named=True
    )
    assert (whole["target"], whole["actual"], whole["status"]) == (6000, 58, "behind")
    # a yearly split that is not an average keeps its verdict per year
    parts = yearly_progress(
        date(2025, 6, 30), region=EVERYWHERE, db=db, programme="kaili-2024/enterprise-workers"
    )
    assert parts.filter(pl.col("year") == 2024)["status"][0] == "missed"
