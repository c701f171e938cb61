"""Fixtures of the scale tests: a small demo warehouse and its Parquet export (the lake)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from demo.build import build_demo
from etl.load import load_files
from tests.scale.lake_marts import Lake

TODAY = date(2026, 11, 22)  # the day of loading
ROWS = 3000


@pytest.fixture(scope="session")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Lake:
    """Every region of the demo, plus the messy samples (rejects, duplicates, extra columns)."""
    root = tmp_path_factory.mktemp("scale")
    db = root / "warehouse.duckdb"
    build_demo(db, rows=ROWS, seed=7, today=TODAY, verbose=False)
    samples = sorted(p for p in (root / "samples").iterdir() if p.suffix in (".csv", ".xlsx"))
    load_files(samples, db, today=TODAY)
    out = root / "lake"
    done = subprocess.run(
        [sys.executable, "-m", "etl", "export", "--db", str(db), "--parquet", str(out), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # The same warehouse with a lake key, as a province exports it for counting people across
    # counties (person_key = sha256(key || ID)): the marts' 人 / 名 quotas count by it.
    key_file = root / "lake.key"
    key_file.write_text("test-lake-key\n", encoding="utf-8")
    keyed = root / "keyed"
    command = ["-m", "etl", "export", "--db", str(db), "--parquet", str(keyed)]
    done_keyed = subprocess.run(
        [sys.executable, *command, "--key-file", str(key_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done_keyed.returncode == 0, done_keyed.stderr
    return Lake(db, out, json.loads(done.stdout), keyed)
