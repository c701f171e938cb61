"""The breakdown by occupation, category and institution: the loads' summary_dimensions gives
what counting `records` gives, and a warehouse made before that table is filled by its next load."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import dashboard_fixture
import duckdb
import pytest
from polars.testing import assert_frame_equal

from catalogue.loader import load_catalogue
from catalogue.regions import EVERYWHERE
from etl.load import load_files
from targets import queries
from warehouse.store import connect_read

AS_OF = date(2025, 9, 30)
PROGRAMMES = [
    "kaili-2024",
    "kaili-2024/guizhou-technician",
    "kaili-2024/foshan-order/foshan-placement",  # a filtered quota: its rows from records
    "yuncheng-2018",
]


def without_table(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    con = duckdb.connect(str(dst))
    con.execute("drop table summary_dimensions")
    con.close()
    return dst


@pytest.mark.parametrize("dimension", ["occupation", "category", "institution"])
def test_the_kept_counts_equal_the_records_counts(
    fixture_db: Path, tmp_path: Path, dimension: queries.Dimension
) -> None:
    old = without_table(fixture_db, tmp_path / "old.duckdb")
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
