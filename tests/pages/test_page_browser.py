"""Every page in a real browser: Playwright driving Debian's chromium against `streamlit run`.

Opens each page of a small demo warehouse at 1366×768, waits for the script to finish and the
charts to draw, fails on any exception box, follows a "needs attention" link, and saves
screenshots (to $SKILLTRACK_SCREENSHOTS, e.g. docs/screenshots by `make screenshots`, else to the
test's temporary folder). Skips, saying why, where there is no chromium.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from access import accounts
from catalogue.region_scope import EVERYWHERE
from demo.build import build_demo
from tests.pages import dashboard_fixture
from tests.pages.browser_helpers import PAGES, browser, missing_browser, render, screenshot, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,  # a real Chromium on a fresh warehouse: make test-slow and .ci/run run it
    pytest.mark.skipif(missing_browser() is not None, reason=str(missing_browser())),
]
ROWS = int(os.environ.get("SKILLTRACK_BROWSER_ROWS", "20000"))
# An administrator of its own: the demo accounts go once the upload test loads a real file.
ADMIN = ("tester", "browser-tests-password")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    db = root / "warehouse.duckdb"
    build_demo(db, rows=ROWS, verbose=False)
    accounts.add_user(root / "skilltrack.sqlite", *ADMIN[:1], "admin", EVERYWHERE, ADMIN[1])
    with serve(db, root / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def tab() -> Iterator[Any]:
    with browser() as page:
        yield page


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("SKILLTRACK_SCREENSHOTS")
    return Path(target) if target else tmp_path_factory.mktemp("screenshots")


# (page, query string, screenshot name): every page, a programme behind time where one is
# picked, Zhejiang's cities for a province-level plan.
VISITS = [
    ("overview", "", "overview"),
    ("programmes", "programme=kaili-2024/qianlv-tourism", "programmes"),
    ("towns", "programme=kaili-2024/qianlv-tourism", "towns"),
    ("towns", "plan=zhejiang-jinlanling-2021-2023", "towns-zhejiang"),
    ("institutions", "plan=kaili-2024-2025", "institutions"),
    ("subsidy", "plan=yuncheng-2018-2022", "subsidy"),
    ("data", "", "data"),
    ("briefing", "plan=kaili-2024-2025", "briefing"),
    ("audit", "", "audit"),
]
assert {v[0] for v in VISITS} == set(PAGES)


@pytest.mark.parametrize(("name", "query", "shot"), VISITS, ids=[v[2] for v in VISITS])
def test_every_page_renders_without_an_exception(
    site: str, tab: Any, shots: Path, name: str, query: str, shot: str
) -> None:
    rendered = render(tab, site, name, query, user=ADMIN)
    assert rendered.exceptions == []
    assert tab.query_selector('[data-testid="stAlert"] [data-testid="stAlertContentError"]') is None
    screenshot(tab, shots / f"{shot}.png")
    screenshot(tab, shots / f"{shot}-full.png", full=True)


def test_english_overview(site: str, tab: Any, shots: Path) -> None:
    render(tab, site, "overview", user=ADMIN)
    tab.get_by_text("English", exact=True).click()
    tab.wait_for_selector("text=Needs attention", timeout=30_000)
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    assert tab.query_selector_all('[data-testid="stException"]') == []
    screenshot(tab, shots / "overview-en.png")
    tab.get_by_text("中文", exact=True).click()
    tab.wait_for_selector("text=需要关注", timeout=30_000)


def test_the_subsidy_filters_follow_a_language_switch(site: str, tab: Any) -> None:
    """The 补贴审核 filters read in English after the switch (a widget kept across it went on
    showing 全部年份 in the browser)."""
    render(tab, site, "subsidy", user=ADMIN)
    boxes = tab.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')

    def shown() -> list[str]:  # the choice each box shows (its input's value)
        return [boxes.nth(i).locator("input").input_value() for i in range(boxes.count())]

    before = shown()
    assert any("全部年份" in t for t in before), before
    tab.get_by_text("English", exact=True).click()
    tab.wait_for_selector("text=Subsidy audit", timeout=30_000)
    tab.wait_for_timeout(500)
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    texts = shown()
    assert any("All years" in t for t in texts) and not any("全部" in t for t in texts), texts
    tab.get_by_text("中文", exact=True).click()
    tab.wait_for_selector("text=补贴审核", timeout=30_000)


def test_a_needs_attention_link_opens_its_programme(site: str, tab: Any) -> None:
    render(tab, site, "overview", user=ADMIN)
    link = tab.locator('[data-testid="stPageLink"] a[href*="programme="]').first
    href = link.get_attribute("href") or ""
    link.click()
    tab.wait_for_url("**/programmes**", timeout=30_000)
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    assert tab.query_selector_all('[data-testid="stException"]') == []
    chosen = tab.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(1)
    assert "全部项目" not in chosen.inner_text(), href  # the link set the programme filter


def test_upload_from_the_data_page(site: str, tab: Any, shots: Path, tmp_path: Path) -> None:
    ledger = dashboard_fixture.write_ledger(tmp_path / "凯里台账.csv", dashboard_fixture.rows())
    render(tab, site, "data", user=ADMIN)
    tab.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(ledger))
    tab.wait_for_selector('[data-testid="stFileUploader"] >> text=凯里台账.csv', timeout=30_000)
    tab.get_by_role("button", name="开始导入").click()
    tab.wait_for_selector("text=本次导入结果", timeout=60_000)
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    assert tab.query_selector_all('[data-testid="stException"]') == []
    assert tab.get_by_text("已导入 10 条新记录。").count() == 1
    assert tab.get_by_text("有 1 行被拒").count() == 1  # then its reason, in a table
    # one under the load's result, one under the quarantine of the batch history
    assert tab.get_by_role("button", name="下载被拒记录（凯里台账.csv）").count() == 2
    screenshot(tab, shots / "data-loaded.png")


def test_a_briefing_in_one_click(site: str, tab: Any, shots: Path) -> None:
    render(tab, site, "briefing", "plan=kaili-2024-2025", user=ADMIN)
    tab.get_by_role("button", name="生成会议简报").click()
    tab.wait_for_selector("text=通报开头", timeout=120_000)
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    assert tab.query_selector_all('[data-testid="stException"]') == []
    for label in ("下载通报（Word）", "下载幻灯片（PowerPoint）", "下载统计表（Excel）"):
        assert tab.get_by_role("button", name=label).count() >= 1, label
    opening = tab.locator('[data-testid="stMarkdownContainer"] blockquote').first.inner_text()
    assert opening.startswith("截至") and "全市累计开展职业技能培训" in opening, opening
    assert "（6,000人次）" in opening  # Kaili's yearly total
    screenshot(tab, shots / "briefing-made.png")


def test_a_typed_as_of_date_applies_on_enter(site: str, tab: Any) -> None:
    render(tab, site, "overview", user=ADMIN)
    field = tab.locator('[data-testid="stDateInput"]')
    field.get_by_text(re.compile(r"^20\d\d$")).first.click()
    tab.keyboard.type("20250630")
    tab.keyboard.press("Enter")  # no click elsewhere
    tab.wait_for_selector("text=统计截至 2025-06-30", timeout=30_000)
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
