"""A load lands whole or not at all: under kill -9, and while readers query the warehouse."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.etl.ledger import make_id, query, row, write_csv

pytestmark = pytest.mark.slow


def consistent_state(db: Path) -> tuple[int, int]:
    """(batches, records), after checking that the ledger and the tables agree."""
    [(batches, records, ledger, summary)] = query(
        db,
        "select (select count(*) from batches), (select count(*) from records), "
        "(select coalesce(sum(loaded), 0) from batches), "
        "(select coalesce(sum(trained), 0) from summary)",
    )
    assert records == ledger == summary
    return int(batches), int(records)  # type: ignore[call-overload]


def big_ledger(path: Path, start: int, n: int) -> Path:
    """n valid rows of distinct people, numbered from start."""
    rows = []
    for i in range(start, start + n):
        birth = (date(1960, 1, 1) + timedelta(days=i // 1000)).strftime("%Y%m%d")
        rows.append(row(i, 序号=str(i), 身份证号=make_id(i, birth=birth)))
    return write_csv(path, rows)


def test_kill_9_at_random_moments_leaves_before_or_after(tmp_path: Path, db: Path) -> None:
    first = big_ledger(tmp_path / "first.csv", 0, 2_000)
    second = big_ledger(tmp_path / "second.csv", 1_000_000, 60_000)
    subprocess.run(
        [sys.executable, "-m", "etl", "load", first, "--db", db], check=True, capture_output=True
    )
    before = consistent_state(db)
    reference = tmp_path / "reference.duckdb"
    shutil.copyfile(db, reference)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "etl", "load", second, "--db", reference],
        check=True,
        capture_output=True,
    )
    duration = time.monotonic() - started
    after = consistent_state(reference)
    assert after == (before[0] + 1, before[1] + 60_000)
    outcomes = set()
    rng = random.Random(20261122)
    for _seed in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-m", "etl", "load", second, "--db", db],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.0, duration * 1.1))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        state = consistent_state(db)
        assert state in (before, after)
        outcomes.add(state)
        print("kill", _seed, "→", "after" if state == after else "before")
        if state == after:  # start again from the state before the second batch
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    textwrap.dedent(f"""
                import duckdb
                con = duckdb.connect({str(db)!r})
                last = "select batch_id from batches order by loaded_at desc limit 1"
                b = con.execute(last).fetchone()[0]
                for t in ("records", "summary", "rejects", "batches"):
                    con.execute(f"delete from {{t}} where batch_id = ?", [b])
                con.execute("checkpoint")
            """),
                ],
                check=True,
            )
            assert consistent_state(db) == before
    assert before in outcomes  # some kills landed mid-load
    # whatever the kills left behind, the next load works and lands whole
    done = subprocess.run(
        [sys.executable, "-m", "etl", "load", second, "--db", db], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert consistent_state(db) == after
    assert not db.with_name(db.name + ".next").exists()


READER = """
import sys, time, duckdb
db, stop = sys.argv[1], sys.argv[2]
seen, errors = set(), []
import os
while not os.path.exists(stop):
    try:
        con = duckdb.connect(db, read_only=True)
        try:
            b, r, l = con.execute(
                "select (select count(*) from batches), (select count(*) from records), "
                "(select coalesce(sum(loaded), 0) from batches)").fetchone()
        finally:
            con.close()
        if r != l:
            errors.append(f"mixture: {r} records but the ledger says {l}")
        seen.add(b)
    except Exception as e:
        errors.append(repr(e))
print(sorted(seen))
print("\\n".join(errors))
sys.exit(1 if errors else 0)
"""


def test_a_reader_sees_old_or_new_state_never_an_error(tmp_path: Path, db: Path) -> None:
    files = [big_ledger(tmp_path / f"f{i}.csv", i * 100_000, 15_000) for i in range(4)]
    subprocess.run(
        [sys.executable, "-m", "etl", "load", files[0], "--db", db], check=True, capture_output=True
    )
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(0.5)
        for f in files[1:]:
            subprocess.run(
                [sys.executable, "-m", "etl", "load", f, "--db", db],
                check=True,
                capture_output=True,
            )
        time.sleep(0.5)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, out + err
    assert out.splitlines()[0] != "[]"
    assert len(eval(out.splitlines()[0])) >= 2  # it saw the warehouse change while it read
