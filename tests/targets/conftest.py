"""Fixtures of the targets tests (helpers in progress_fixtures.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from catalogue.loader import Catalogue, load_catalogue
from tests.targets.progress_fixtures import Ledger, Warehouse, local_toml


@pytest.fixture(scope="module")
def make_warehouse(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., Warehouse]]:
    """Build a warehouse from ledgers (one batch each); module-scoped, as loads take a while."""

    def make(*ledgers: Ledger) -> Warehouse:
        root = tmp_path_factory.mktemp("warehouse")
        (root / "local.toml").write_text(local_toml(), encoding="utf-8")
        (root / "allocations").mkdir()
        wh = Warehouse(root, load_catalogue(local_path=root / "local.toml"))
        for i, ledger in enumerate(ledgers):
            wh.load(ledger, f"ledger{i}.csv")
        return wh

    yield make


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    """The real catalogue plus the test quotas."""
    local = tmp_path / "local.toml"
    local.write_text(local_toml(), encoding="utf-8")
    return load_catalogue(local_path=local)
