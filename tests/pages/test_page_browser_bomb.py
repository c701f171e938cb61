"""A real browser uploads the 5 KB workbook that asks for 512 GB: the dashboard says so and lives.

Before the workbooks were parsed in a limited child process, this upload aborted the server for
every user (calamine's failed allocation ends the process). Skips, saying why, without chromium.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from access import accounts
from catalogue.region_scope import EVERYWHERE
from tests.pages import dashboard_fixture
from tests.pages.browser_helpers import browser, missing_browser, render, screenshot, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,  # a real Chromium: make test-slow and .ci/run run it
    pytest.mark.skipif(missing_browser() is not None, reason=str(missing_browser())),
]
BOMB = Path(__file__).resolve().parents[1] / "cases" / "corner-bomb.xlsx"


def test_the_bomb_is_refused_and_the_server_still_answers(tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    dashboard_fixture.build(db)
    admin = ("admin", "bomb-test-password")  # loads are for signed-in officers and admins
    accounts.add_user(tmp_path / "skilltrack.sqlite", admin[0], "admin", EVERYWHERE, admin[1])
    with serve(db, tmp_path / "streamlit.log") as url, browser() as tab:
        render(tab, url, "data", user=admin)
        tab.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(BOMB))
        tab.wait_for_selector('[data-testid="stFileUploader"] >> text=corner-bomb.xlsx')
        tab.get_by_role("button", name="开始导入").click()
        tab.wait_for_selector("text=本次导入结果", timeout=120_000)
        tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        alert = tab.locator('[data-testid="stAlertContentError"]').first.inner_text()
        assert "corner-bomb.xlsx" in alert and "超出上限" in alert and "未导入" in alert
        assert tab.query_selector_all('[data-testid="stException"]') == []
        screenshot(tab, tmp_path / "bomb-refused.png")
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as r:
            assert r.status == 200 and r.read() == b"ok"
        again = render(tab, url, "overview", user=admin)  # a new session: the server serves on
        assert again.exceptions == []
