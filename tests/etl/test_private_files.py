"""Files with personal data: owner-only, a swap keeps the mode, no partial export, no copy left;
a second loader says whom it waits for."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import polars as pl
import pytest

from etl import rejects as rejects_module
from etl.export import export_parquet
from etl.load import load_files
from etl.rejects import export_rejects
from tests.etl.ledger import TODAY, row, write_csv
from warehouse import scratch
from warehouse.store import exclusive

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loaded(tmp_path: Path, db: Path) -> Path:
    bad = row(9, 身份证号="522601199001011230")  # wrong check digit: one reject
    load_files([write_csv(tmp_path / "a.csv", [row(0), row(1), bad])], db, today=TODAY)
    return db


def test_the_warehouse_and_every_export_are_owner_only(
    loaded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.umask(0o022)  # a usual umask: files would be 0644
    assert mode(loaded) == 0o600
    assert mode(loaded.with_name(loaded.name + ".tmp")) == 0o700
    for out in (tmp_path / "r.csv", tmp_path / "r.xlsx"):
        assert export_rejects(loaded, out) == 1
        assert mode(out) == 0o600
    export_parquet(loaded, tmp_path / "lake")
    files = [p for p in (tmp_path / "lake").rglob("*") if p.is_file()]
    assert files and {mode(p) for p in files} == {0o600}


def test_a_swap_keeps_the_mode_of_the_file_it_replaces(loaded: Path, tmp_path: Path) -> None:
    loaded.chmod(0o640)  # the owner chose to share it with a group
    load_files([write_csv(tmp_path / "b.csv", [row(2)])], loaded, today=TODAY)
    assert mode(loaded) == 0o640
    loaded.chmod(0o600)
    load_files([write_csv(tmp_path / "c.csv", [row(3)])], loaded, today=TODAY)
    assert mode(loaded) == 0o600


def test_rejects_past_one_sheet_go_on_more_sheets_and_a_failed_export_leaves_nothing(
    loaded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    more = [row(i, 身份证号=f"52260119900101{i:03d}0") for i in range(10, 17)]
    load_files([write_csv(tmp_path / "more.csv", more)], loaded, today=TODAY)
    monkeypatch.setattr(rejects_module, "SHEET_ROWS", 3)
    out = tmp_path / "split.xlsx"
    assert export_rejects(loaded, out) == 8
    sheets = pl.read_excel(out, sheet_id=0)
    assert list(sheets) == ["被拒记录", "被拒记录 (2)", "被拒记录 (3)"]
    assert [f.height for f in sheets.values()] == [3, 3, 2]

    def broken(frame: pl.DataFrame, path: Path) -> None:
        path.write_bytes(b"PK half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(rejects_module, "write_xlsx", broken)
    with pytest.raises(OSError):
        export_rejects(loaded, tmp_path / "never.xlsx")
    assert not (tmp_path / "never.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]


def test_the_next_load_removes_what_a_killed_load_left(loaded: Path, tmp_path: Path) -> None:
    folder = scratch.root(loaded)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    pid = int(dead.stdout)
    (folder / f"{pid}-stale.csv").write_text("522601199001011234", encoding="utf-8")
    (folder / f"{pid}-stale").mkdir()
    (folder / f"{pid}-stale" / "sheet-0.arrow").write_bytes(b"522601199001011234")
    mine = scratch.new_file(folder, ".csv")  # a live process's file stays
    load_files([write_csv(tmp_path / "d.csv", [row(4)])], loaded, today=TODAY)
    assert sorted(p.name for p in folder.iterdir()) == [mine.name]
    assert mode(mine) == 0o600


def test_a_second_loader_says_whom_it_waits_for(loaded: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path / "e.csv", [row(5)])
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with exclusive(loaded):
            held.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    loader = subprocess.Popen(
        [sys.executable, "-m", "etl", "load", str(csv), "--db", str(loaded)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert loader.stderr is not None
    line = loader.stderr.readline()
    release.set()
    holder.join()
    loader.communicate(timeout=120)
    assert line.startswith("正在等待另一个导入完成（开始于 ")
    assert f"进程 {os.getpid()}" in line and f"pid {os.getpid()}" in line
    assert loader.returncode == 0
