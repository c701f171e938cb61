"""kill -9 of an XLSX and a GBK load: no copy with an ID is left anywhere once the next load ran.

While a load runs, its temporary copies (the GBK file as UTF-8, the workbook's sheets parsed by the
child process) sit owner-only beside the warehouse; the system's temporary folder is never used.
A killed loader's child processes die with it, and the next load removes what they left.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import xlsxwriter

from tests.etl.ledger import HEADERS, make_id, row, write_csv

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ROWS = 40_000


def _rows() -> list[list[str | None]]:
    return [row(i, 序号=str(i), 身份证号=make_id(i, birth=f"19{60 + i // 1000:02d}0101")) for i in
            range(ROWS)]  # fmt: skip


def _xlsx(path: Path) -> Path:
    with xlsxwriter.Workbook(str(path), {"strings_to_numbers": False}) as wb:
        ws = wb.add_worksheet("台账")
        ws.write_row(0, 0, HEADERS)
        for i, r in enumerate(_rows(), start=1):
            ws.write_row(i, 0, ["" if c is None else c for c in r])
    return path


def _holders(root: Path, needle: bytes, keep: set[Path]) -> list[Path]:
    """Files under root (other than keep) whose bytes contain needle."""
    found = []
    for p in root.rglob("*"):
        if p.is_file() and p not in keep and needle in p.read_bytes():
            found.append(p)
    return found


def _load(files: list[Path], db: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "load", *map(str, files), "--db", str(db)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("kind", ["xlsx", "gbk"])
def test_kill_9_leaves_no_copy_with_an_id(kind: str, tmp_path: Path) -> None:
    src_dir, system_tmp = tmp_path / "in", tmp_path / "system-tmp"
    src_dir.mkdir()
    system_tmp.mkdir()
    if kind == "xlsx":
        source = _xlsx(src_dir / "台账.xlsx")
    else:
        source = write_csv(src_dir / "台账.csv", _rows(), encoding="gb18030")
    db = tmp_path / "data" / "warehouse.duckdb"
    scratch = db.with_name(db.name + ".tmp")
    env = {**os.environ, "TMPDIR": str(system_tmp)}
    needle = make_id(ROWS - 1, birth=f"19{60 + (ROWS - 1) // 1000:02d}0101").encode()
    rng = random.Random(16)
    left = 0
    for _ in range(2):
        proc = _load([source], db, env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if scratch.is_dir() and any(p.is_file() for p in scratch.rglob("*")):
                break  # a copy exists: the load is in the middle of reading
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        time.sleep(1.0)  # a child that outlived its parent would still be writing now
        snapshot = {p: p.stat().st_size for p in scratch.rglob("*") if p.is_file()}
        time.sleep(1.0)
        assert {p: p.stat().st_size for p in scratch.rglob("*") if p.is_file()} == snapshot
        assert _holders(system_tmp, needle, set()) == []
        for p in snapshot:  # what is left is owner-only, beside the warehouse
            assert p.stat().st_mode & 0o077 == 0
        left += len(snapshot)
    assert left > 0  # the kills did land while a copy existed: the sweep below is tested
    small = write_csv(src_dir / "small.csv", [row(0, 身份证号=make_id(999_999 % 1000))])
    after = _load([small], db, env)
    assert after.wait(timeout=300) == 0
    assert list(scratch.iterdir()) == []
    keep = {source, small, db, db.with_name(db.name + ".lock")}
    assert _holders(tmp_path, needle, keep) == []
    assert _holders(system_tmp, needle, set()) == []
