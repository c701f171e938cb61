from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A warehouse path in a fresh directory (the file does not exist yet)."""
    return tmp_path / "warehouse.duckdb"
