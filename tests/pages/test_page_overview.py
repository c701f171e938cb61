"""总览: every programme at a glance, on the fixture warehouse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from catalogue.loader import load_catalogue
from etl.load import load_files
from targets.plans import plans
from tests.pages import dashboard_fixture as fx
from tests.pages.apptest_helpers import chart_spec, frame_with, leaked_numbers
from ui.i18n import t
from warehouse.store import exclusive, writing

OpenPage = Callable[..., AppTest]


# The tables' columns carry their labels (what a CSV download writes): zh, then en.
HEADERS = {"项目": "programme", "实际": "actual", "目标": "target", "状态": "status"}
HEADERS_EN = {"Programme": "programme", "Actual": "actual", "Target": "target", "Status": "status"}


def row(at: AppTest, label: str) -> dict[str, object]:
    """The programme table's row whose label ends with `label`, keyed programme/actual/…"""
    try:
        table = frame_with(at, *HEADERS).rename(columns=HEADERS)
    except AssertionError:
        table = frame_with(at, *HEADERS_EN).rename(columns=HEADERS_EN)
    hits = table[table["programme"].str.strip().str.endswith(label)]
    assert len(hits) == 1, table["programme"].tolist()
    return dict(hits.iloc[0])


def test_overview_shows_each_programme_with_its_actual(open_page: OpenPage) -> None:
    at = open_page("overview", plan="kaili-2024-2025")
    technician = row(at, "贵州技工")
    assert technician["actual"] == 6
    assert technician["target"] == 600
    assert list(technician["status"]) == ["▼ 落后"]  # 1% done, 87% of the time gone
    assert row(at, "黔菜师傅")["actual"] == 3
    assert at.metric[0].value == "0.1%"  # the plan: 9 of 6,000
    bullets = chart_spec(at, "overview_bullets")
    names = [t.get("name") for t in bullets["data"]]
    assert "▼ 落后" in names and "序时进度" in names


def test_attention_links_to_behind_programmes_failing_institutions_and_towns(
    open_page: OpenPage,
) -> None:
    at = open_page("overview", plan="kaili-2024-2025", programme="kaili-2024/guizhou-technician")
    links = [(p.proto.label, p.proto.page) for p in at.get("page_link")]
    assert any("贵州技工" in label and page == "programmes" for label, page in links)
    assert any(fx.SCHOOL_B in label and page == "institutions" for label, page in links)
    assert any("镇" in label and page == "towns" for label, page in links)  # 20 towns behind
    assert not any(fx.SCHOOL_A in label for label, _ in links)
    # the status is coloured Markdown (not shown as ":red[▼ 落后]" text); names are escaped
    assert all(label.startswith((":red[", ":orange[")) for label, _ in links), links
    # Kaili's document takes no eligibility away: below the reference line, not "loses it"
    [school] = [label for label, page in links if fx.SCHOOL_B in label]
    assert "低于参考线" in school and "失去资格" not in school
    assert not any("失去资格" in m.value for m in at.markdown)


def test_a_yuncheng_institution_below_the_lines_loses_eligibility_on_the_overview(
    open_page: OpenPage,
) -> None:
    at = open_page("overview", plan="yuncheng-2018-2022", as_of=date(2020, 12, 31))
    links = [p.proto.label for p in at.get("page_link") if p.proto.page == "institutions"]
    [school] = [label for label in links if "运城测试职业学校" in label]
    assert "明年失去资格" in school and "就业 0.0%" in school


def test_overview_in_english(open_page: OpenPage) -> None:
    at = open_page("overview", plan="kaili-2024-2025", lang="en")
    assert at.header[0].value.startswith("Overview")
    english = load_catalogue().get("kaili-2024/guizhou-technician").name_en
    assert row(at, english)["actual"] == 6
    assert row(at, english)[t("col_unit", "en")] == "person-times"  # 人次, in English
    assert at.metric[0].label == "Completion"
    cards = [c.value for c in at.caption if c.value.startswith("Time elapsed")]
    assert cards and all("人次" not in c and "person-times" in c for c in cards), cards
    bullets = chart_spec(at, "overview_bullets")
    units = {d[3] for trace in bullets["data"] for d in trace.get("customdata") or []}
    assert "person-times" in units and "人次" not in units


def test_no_full_id_or_phone_number_reaches_the_page(open_page: OpenPage) -> None:
    assert leaked_numbers(open_page("overview")) == []


def test_a_load_while_open_shows_without_a_restart(open_page: OpenPage, tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    fx.build(db)
    at = open_page("overview", db=db, plan="kaili-2024-2025")
    assert row(at, "贵州技工")["actual"] == 6
    load_files([fx.extra_ledger(tmp_path / "more.csv")], db, today=fx.TODAY)  # as the CLI does
    at.run()  # the next rerun of the same session, as any click triggers
    assert not at.exception
    assert row(at, "贵州技工")["actual"] == 8


def test_a_filter_survives_a_page_change(open_page: OpenPage) -> None:
    at = open_page("overview")
    at.sidebar.selectbox(key="_plan_zh").set_value("kaili-2024-2025").run()
    at.sidebar.selectbox(key="_programme_zh").set_value("kaili-2024/qiancai-chef").run()
    at.switch_page("app_pages/programmes.py").run()
    assert not at.exception
    assert at.header[0].value == "黔菜师傅"
    assert at.sidebar.selectbox(key="_programme_zh").value == "kaili-2024/qiancai-chef"
    at.sidebar.segmented_control[0].set_value("en").run()  # a language switch keeps it too
    assert at.sidebar.selectbox(key="_programme_en").value == "kaili-2024/qiancai-chef"


def test_a_missing_warehouse_is_explained(open_page: OpenPage, tmp_path: Path) -> None:
    at = open_page("overview", db=tmp_path / "none.duckdb")
    assert "还没有数据仓库" in at.info[0].value


def test_an_unreadable_warehouse_is_explained(open_page: OpenPage, tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database")
    at = open_page("overview", db=bad)
    assert "无法读取数据仓库" in at.error[0].value


def test_the_first_run_builds_the_demo(
    open_page: OpenPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILLTRACK_DEMO_ROWS", "3000")
    db = tmp_path / "data" / "warehouse.duckdb"
    at = open_page("overview", db=db, demo=True)
    assert db.exists()
    assert "演示数据仓库已建成" in at.status[0].label
    assert len(at.metric) == len(plans(load_catalogue()))  # one card per plan
    # the build's real progress was on the page: a bar that reached the last ledger, in full
    [bar] = at.get("progress")
    assert bar.proto.value == 100 and bar.proto.text.startswith("正在导入")


def test_an_empty_warehouse_is_explained(open_page: OpenPage, tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    with exclusive(db), writing(db):
        pass  # the schema, no batch
    at = open_page("overview", db=db)
    assert "还没有培训记录" in at.info[0].value


def test_a_warehouse_made_by_an_older_version_is_migrated_on_first_open(
    open_page: OpenPage, fixture_db: Path, tmp_path: Path
) -> None:
    import shutil

    import duckdb

    from warehouse.store import outdated

    old = tmp_path / "old.duckdb"
    shutil.copyfile(fixture_db, old)
    con = duckdb.connect(str(old))
    for table in ("summary_days", "summary_dimensions", "schema_version"):  # as version 1 made it
        con.execute(f"drop table {table}")
    con.close()
    assert outdated(old)
    at = open_page("overview", db=old)  # asserts no exception
    assert not outdated(old)
    assert (
        len(at.metric) == len(open_page("overview").metric) > 0
    )  # the same plans as a current one
