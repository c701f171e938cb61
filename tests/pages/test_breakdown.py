"""The breakdown by occupation, category and institution from the loads' summary_dimensions; a
warehouse made before that table (schema version 1) is migrated to the same figures, by a reader
or by its next load."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from polars.testing import assert_frame_equal

from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE
from etl.load import load_files
from targets import queries
from tests.pages import dashboard_fixture
from warehouse.store import connect_read, outdated, upgrade

AS_OF = date(2025, 9, 30)
PROGRAMMES = [
    "kaili-2024",
    "kaili-2024/guizhou-technician",
    "kaili-2024/foshan-order/foshan-placement",  # a filtered quota: its rows from records
    "yuncheng-2018",
]


def without_table(src: Path, dst: Path) -> Path:
    """A copy as a version-1 file has it: no summary_dimensions, no schema_version."""
    shutil.copyfile(src, dst)
    con = duckdb.connect(str(dst))
    con.execute("drop table summary_dimensions")
    con.execute("drop table schema_version")
    con.close()
    return dst


@pytest.mark.parametrize("dimension", ["occupation", "category", "institution"])
def test_an_older_warehouse_is_migrated_to_the_counts_loads_keep(
    fixture_db: Path, tmp_path: Path, dimension: queries.Dimension
) -> None:
    old = without_table(fixture_db, tmp_path / "old.duckdb")
    assert outdated(old) and upgrade(old) and not outdated(old)
    cat = load_catalogue()
    kept, counted = connect_read(fixture_db), connect_read(old)
    try:
        for pid in PROGRAMMES:
            a = queries.breakdown(kept, pid, AS_OF, cat, dimension, EVERYWHERE).sort("value")
            b = queries.breakdown(counted, pid, AS_OF, cat, dimension, EVERYWHERE).sort("value")
            assert_frame_equal(a, b)
        assert (
            queries.breakdown(kept, "kaili-2024", AS_OF, cat, dimension, EVERYWHERE)[
                "trained"
            ].sum()
            > 0
        )
    finally:
        kept.close()
        counted.close()


def test_the_next_load_fills_an_older_warehouse(fixture_db: Path, tmp_path: Path) -> None:
    db = without_table(fixture_db, tmp_path / "warehouse.duckdb")
    [r] = load_files(
        [dashboard_fixture.extra_ledger(tmp_path / "extra.csv")], db, today=dashboard_fixture.TODAY
    )
    assert r.loaded > 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select dimension, sum(trained) from summary_dimensions group by 1 order by 1"
        ).fetchall()
        [(records,)] = con.execute("select count(*) from records").fetchall()
    finally:
        con.close()
    assert rows == [("category", records), ("institution", records), ("occupation", records)]
