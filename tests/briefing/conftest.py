"""Fixtures of the briefing tests: the fixture warehouse (briefing_fixture.py) with its town
allocation, a snapshot directory per test, and charts that need no CJK font when the machine has
none (test_briefing_fonts.py checks the real font where it is installed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import charts
from briefing.exceptions import FontMissing
from briefing.fonts import cjk_family
from tests.briefing import briefing_fixture as fx


@pytest.fixture(scope="session")
def briefing_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture ledger in a warehouse; shared, so tests must not write to it."""
    db = tmp_path_factory.mktemp("briefing") / "warehouse.duckdb"
    fx.build(db)
    return db


@pytest.fixture(autouse=True)
def allocations(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = fx.write_allocations(tmp_path_factory.getbasetemp() / "briefing-allocations")
    monkeypatch.setenv("SKILLTRACK_ALLOCATIONS", str(directory))
    return directory


@pytest.fixture
def snapshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "snapshots"
    monkeypatch.setenv("SKILLTRACK_BRIEFINGS", str(directory))
    return directory


@pytest.fixture(autouse=True)
def charts_without_font(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Without a CJK font, the chart images are a blank PNG (the documents are still tested)."""
    try:
        cjk_family()
    except FontMissing:
        blank = _blank_png()
        for name in ("programme_bars", "places_bars", "trajectory"):
            monkeypatch.setattr(charts, name, lambda *a, **k: blank)
    yield


def _blank_png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, format="PNG")
    return buf.getvalue()
