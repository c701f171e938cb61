"""Fixtures of the access tests: a fresh accounts and audit file per test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "data" / "skilltrack.sqlite"


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page tests' tiny Kaili ledger (tests/pages/dashboard_fixture.py) in a warehouse."""
    from tests.pages import dashboard_fixture

    db = tmp_path_factory.mktemp("access") / "warehouse.duckdb"
    dashboard_fixture.build(db)
    return db
