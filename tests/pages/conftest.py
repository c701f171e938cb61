"""Fixtures of the page tests: one tiny warehouse per session (dashboard_fixture.py), and an
AppTest of app.py reading it, signed in (as an administrator unless a test says otherwise),
with the filters set before the first run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages import dashboard_fixture
from tests.pages.signin_helpers import TOKEN, sign_in
from ui.pages import DEFAULT_PAGE, PAGE_FILES

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 30


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture ledger loaded into a warehouse; shared, so tests must not write to it."""
    db = tmp_path_factory.mktemp("pages") / "warehouse.duckdb"
    dashboard_fixture.build(db)
    return db


@pytest.fixture
def state_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The accounts and audit file of one test (SKILLTRACK_STATE)."""
    path = tmp_path / "skilltrack.sqlite"
    monkeypatch.setenv("SKILLTRACK_STATE", str(path))
    return path


@pytest.fixture
def open_page(
    fixture_db: Path, state_file: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., AppTest]:
    """Run app.py on one page with the given session state (sidebar filters), signed in as
    `as_user` (name, role, scope; None: nobody); no demo build for a missing warehouse unless
    demo=True."""

    def run(
        page: str = "overview",
        db: Path | None = None,
        demo: bool = False,
        as_user: tuple[str, str, str] | None = ("admin", "admin", ""),
        **state: Any,
    ) -> AppTest:
        monkeypatch.setenv("SKILLTRACK_DB", str(db or fixture_db))
        if demo:
            monkeypatch.delenv("SKILLTRACK_NO_DEMO", raising=False)
        else:
            monkeypatch.setenv("SKILLTRACK_NO_DEMO", "1")
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        if as_user is not None:
            at.session_state[TOKEN] = sign_in(state_file, *as_user)
        for key, value in state.items():
            at.session_state[key] = value
        if page != DEFAULT_PAGE:
            at.switch_page(PAGE_FILES[page])
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return run
