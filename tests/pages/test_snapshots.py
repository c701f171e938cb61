"""The dashboard's shared read-only connections across a load that swaps the file in."""

from __future__ import annotations

import shutil
from pathlib import Path

from dashboard.source import SNAPSHOTS, Reader
from etl.load import load_files
from tests.pages import dashboard_fixture


def count(reader: Reader) -> int:
    row = reader.con.execute("select count(*) from records").fetchone()
    assert row is not None
    return int(row[0])


def test_a_run_after_a_load_reads_the_new_file_while_an_earlier_run_keeps_the_old(
    fixture_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(fixture_db, db)
    with Reader(db) as before:
        old = count(before)
        with Reader(db) as same:  # a second run on the same file shares its connection
            assert count(same) == old
        [r] = load_files(
            [dashboard_fixture.extra_ledger(tmp_path / "extra.csv")],
            db,
            today=dashboard_fixture.TODAY,
        )
        assert r.loaded > 0
        # DuckDB alone would hand this run the old file's instance while `before` is open.
        with Reader(db) as after:
            assert count(after) == old + r.loaded
        assert count(before) == old  # a run that started before the load reads on, unmixed
    assert [w.inode for w in SNAPSHOTS._open if w.path == str(db)] == [db.stat().st_ino]
    SNAPSHOTS.close_all()
    assert not any(w.path == str(db) for w in SNAPSHOTS._open)
