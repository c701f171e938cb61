"""Sign-in, roles and scopes in a real browser (Playwright driving Debian's chromium against
`python -m dashboard.serve` on the demo warehouse), one visitor after another:

1. an anonymous visitor sees only the sign-in page, with the demo accounts, whatever URL;
2. five wrong passwords lock demo-admin; the right one is refused while it is locked;
3. demo-viewer (凯里市·舟溪镇) sees only 舟溪镇 on every page and gets no record-level file;
   demo-leader sees every region, demo-officer 临沭县;
4. demo-officer (临沭县) loads a file with a row of another county: that row is rejected;
5. an administrator's 审计日志 page holds every action of the visitors above.

Screenshots go to $SKILLTRACK_SCREENSHOTS (docs/screenshots by `make screenshots`) or the test's
temporary folder. Skips, saying why, where there is no chromium.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from access import accounts, audit
from catalogue.region_scope import EVERYWHERE
from demo.build import build_demo
from tests.pages import dashboard_fixture as fx
from tests.pages.browser_helpers import (
    DEMO_PASSWORD,
    EXCEPTION,
    IDLE,
    PAGES,
    SIGN_IN_FORM,
    browser,
    missing_browser,
    render,
    screenshot,
    serve,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,  # a real Chromium on a fresh warehouse: make test-slow and .ci/run run it
    pytest.mark.skipif(missing_browser() is not None, reason=str(missing_browser())),
]
ROWS = int(os.environ.get("SKILLTRACK_BROWSER_ROWS", "20000"))
AUDITOR = ("auditor", "auditor-password")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("access-browser")


@pytest.fixture(scope="module")
def site(root: Path) -> Iterator[str]:
    db = root / "warehouse.duckdb"
    build_demo(db, rows=ROWS, verbose=False)
    accounts.add_user(root / "skilltrack.sqlite", AUDITOR[0], "admin", EVERYWHERE, AUDITOR[1])
    with serve(db, root / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def tab() -> Iterator[Any]:
    with browser() as page:
        yield page


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("SKILLTRACK_SCREENSHOTS")
    return Path(target) if target else tmp_path_factory.mktemp("access-screenshots")


def text_of(tab: Any) -> str:
    return str(tab.locator('[data-testid="stApp"]').inner_text())


def other_kaili_towns(root: Path) -> list[str]:
    con = duckdb.connect(str(root / "warehouse.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "select distinct town from records where county = '凯里市' and town <> '舟溪镇' "
            "and town is not null"
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def sign_out(tab: Any) -> None:
    tab.get_by_role("button", name="退出登录").click()
    tab.wait_for_selector(SIGN_IN_FORM, timeout=30_000)


def test_1_an_anonymous_visitor_sees_only_the_sign_in_page(
    site: str, tab: Any, shots: Path
) -> None:
    for path in ("", "towns?programme=kaili-2024", "data", "audit"):
        tab.goto(f"{site}/{path}")
        tab.wait_for_selector(SIGN_IN_FORM, timeout=60_000)
        tab.wait_for_selector(IDLE)
        assert tab.query_selector('[data-testid="stSidebarNav"]') is None, path
        assert tab.query_selector(".js-plotly-plot") is None, path
        text = text_of(tab)
        assert "演示账户" in text and DEMO_PASSWORD in text and "demo-viewer" in text
    screenshot(tab, shots / "signin.png")


def test_2_five_failures_lock_the_account(site: str, tab: Any) -> None:
    tab.goto(site)
    for attempt in range(5):
        sign_in(tab, "demo-admin", f"wrong-{attempt}")
    assert "已锁定" in text_of(tab)
    sign_in(tab, "demo-admin", DEMO_PASSWORD)
    assert "已锁定" in text_of(tab) and tab.query_selector('[data-testid="stSidebar"]') is None


@pytest.mark.parametrize("page", list(PAGES))
def test_3_a_town_viewer_sees_only_their_town(
    site: str, tab: Any, shots: Path, root: Path, page: str
) -> None:
    query = "plan=kaili-2024-2025" if page != "data" else ""
    # a town has few records: some charts of the page may have nothing to draw
    rendered = render(tab, site, page, query, user=("demo-viewer", DEMO_PASSWORD), charts=0)
    tab.wait_for_timeout(1500)
    assert rendered.exceptions == []
    if page == "audit":  # for administrators only: a viewer's link to it opens the Overview
        assert "/audit" not in tab.url and "共 " not in text_of(tab), tab.url
    else:
        assert page == "overview" or f"/{page}" in tab.url, tab.url  # the page asked for
    text = text_of(tab)
    assert "demo-viewer · 查看人员" in text and "凯里市·舟溪镇" in text
    for town in other_kaili_towns(root):
        assert town not in text, (page, town)
    for elsewhere in ("临沭县", "东宁市", "浙江省", "盐湖区"):
        assert elsewhere not in text, (page, elsewhere)
    assert tab.query_selector_all('[data-testid="stDownloadButton"]') == [], page
    assert tab.query_selector('[data-testid="stFileUploader"]') is None
    sidebar = tab.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "审计日志" not in sidebar
    if page in ("overview", "towns"):
        screenshot(tab, shots / f"role-viewer-{page}.png")


@pytest.mark.parametrize(
    ("account", "page"), [("demo-leader", "overview"), ("demo-officer", "overview")]
)
def test_3_each_role_sees_its_region(
    site: str, tab: Any, shots: Path, account: str, page: str
) -> None:
    rendered = render(tab, site, page, user=(account, DEMO_PASSWORD), charts=1)
    assert rendered.exceptions == []
    text = text_of(tab)
    if account == "demo-officer":
        assert "临沭县" in text and "凯里市" not in text and "浙江省" not in text
    screenshot(tab, shots / f"role-{account.removeprefix('demo-')}-{page}.png")


def test_4_a_county_officers_load_rejects_another_countys_row(
    site: str, tab: Any, shots: Path, tmp_path: Path
) -> None:
    row = fx.rows()[0]
    linshu = [*row[:4], "职业技能提升行动", "临沭县", "", *row[7:]]
    linshu[2] = fx.id_number("371329", "19900101", 7)
    kaili = [*row[:4], "贵州技工", "凯里市", "万潮镇", *row[7:]]
    kaili[2] = fx.id_number("522601", "19900101", 8)
    ledger = fx.write_ledger(tmp_path / "临沭台账.csv", [linshu, kaili])
    render(tab, site, "data", user=("demo-officer", DEMO_PASSWORD))
    assert "临沭县" in text_of(tab)
    screenshot(tab, shots / "role-officer-data.png")
    tab.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(ledger))
    tab.wait_for_selector('[data-testid="stFileUploader"] >> text=临沭台账.csv', timeout=30_000)
    tab.get_by_role("button", name="开始导入").click()
    tab.wait_for_selector("text=本次导入结果", timeout=60_000)
    tab.wait_for_selector(IDLE)
    assert tab.query_selector_all(EXCEPTION) == []
    text = text_of(tab)
    assert "已导入 1 条新记录。" in text and "region_conflict" in text


def test_5_the_audit_log_holds_every_action(site: str, tab: Any, shots: Path, root: Path) -> None:
    render(tab, site, "audit", user=AUDITOR)
    tab.wait_for_selector("text=共 ", timeout=30_000)  # the caption above the log's table
    screenshot(tab, shots / "audit-log.png")
    log = audit.entries(root / "skilltrack.sqlite")
    by = {(e.user, e.action) for e in log}
    assert ("demo-admin", "sign_in_failed") in by and ("demo-admin", "sign_in_locked") in by
    assert ("demo-viewer", "sign_in") in by and ("auditor", "sign_in") in by
    assert ("demo-leader", "sign_in") in by and ("demo-officer", "sign_in") in by
    failures = [e for e in log if e.user == "demo-admin" and e.action == "sign_in_failed"]
    assert len(failures) == 5
    [load] = [e for e in log if e.action == "load"]
    assert load.user == "demo-officer" and load.detail["rejected"] == 1
    # the page's table draws on a canvas: what it lists is counted in its caption
    shown = int(text_of(tab).split("共 ", 1)[1].split(" 条", 1)[0])
    assert shown >= len(failures) + len(PAGES) + 2
