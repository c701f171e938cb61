"""Parquet input, the progress bar, the post-commit check, and the demo's guard."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from etl import load as load_module
from etl.load import BatchResult, load_files
from etl.progress import ProgressBar
from tests.etl.ledger import TODAY, make_id, query, row, write_csv
from warehouse.exceptions import LoadNotDurable, WarehouseError


def test_parquet_with_typed_columns(tmp_path: Path, db: Path) -> None:
    frame = pl.DataFrame(
        {
            "姓名": ["王一", "王二"],
            "身份证号": [make_id(1), make_id(2)],
            "培训项目": ["贵州技工", "黔灵家政"],
            "开班日期": [date(2024, 3, 5), date(2024, 4, 1)],
            "结业日期": [date(2024, 3, 20), date(2024, 4, 9)],
            "培训天数": [15, 9],
        }
    )
    frame.write_parquet(tmp_path / "a.parquet")
    [r] = load_files([tmp_path / "a.parquet"], db, today=TODAY)
    assert (r.rows, r.loaded) == (2, 2)
    assert query(db, "select days from records order by days") == [(9.0,), (15.0,)]
    numeric = frame.with_columns(pl.col("身份证号").cast(pl.Int64))
    numeric.write_parquet(tmp_path / "b.parquet")
    [r] = load_files([tmp_path / "b.parquet"], db, today=TODAY)
    assert r.reasons == {"id_mangled": 2}


def test_progress_bar_is_silent_for_small_files_and_draws_for_large() -> None:
    out = io.StringIO()
    bar = ProgressBar(stream=out)
    bar("small.csv", 10_000, 10_000)
    assert out.getvalue() == ""
    bar("big.csv", 60_000, 120_000)
    bar.close()
    assert "big.csv" in out.getvalue() and "50%" in out.getvalue() and "60,000" in out.getvalue()


def test_a_commit_that_stored_nothing_is_refused_and_the_warehouse_kept(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_files([write_csv(tmp_path / "a.csv", [row(0)])], db, today=TODAY)
    before = query(db, "select count(*) from records")
    real_verify = load_module._verify

    def lying_commit(
        con: duckdb.DuckDBPyConnection, result: BatchResult, stored_rejects: int
    ) -> None:
        con.execute("delete from records where batch_id = ?", [result.batch_id])
        real_verify(con, result, stored_rejects)

    monkeypatch.setattr(load_module, "_verify", lying_commit)
    with pytest.raises(LoadNotDurable, match=r"b\.csv"):
        load_files([write_csv(tmp_path / "b.csv", [row(1)])], db, today=TODAY)
    assert query(db, "select count(*) from records") == before
    assert not db.with_name(db.name + ".next").exists()


def test_demo_never_replaces_a_warehouse_unasked(db: Path) -> None:
    from demo.build import build_demo

    db.write_bytes(b"not really a warehouse")
    with pytest.raises(WarehouseError, match="--replace"):
        build_demo(db, rows=100, today=TODAY, verbose=False)
    assert db.read_bytes() == b"not really a warehouse"
