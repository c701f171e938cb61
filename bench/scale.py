"""Benchmarks at Zhejiang and national size (issue #5): loads, progress, pages, briefing.

Not a test.

    .venv/bin/python -m bench.scale [--sizes 3000000,10000000] [--runs 3] [--xlsx-rows 200000]
                                    [--skip-load] [--skip-queries] [--no-write]

For each size, on ledgers from the demo generator (bench/scale_data.py, kept in bench/out/):
UTF-8 CSV, its GB18030 twin and Parquet; and one XLSX of --xlsx-rows rows. For each file, in the
same run, each in a fresh process on a fresh database file:
- floor:   DuckDB's bare read into a table (read_csv all_varchar / read_parquet, checkpointed);
           for XLSX, fastexcel's bare read of the sheet into a frame;
- product: `python -m etl load FILE --json` (full validation, dedupe, ledger, summary);
- pandas:  bench/pandas_load.py, the analyst's load (whole file; 1M-row pieces above 3M rows).
Then, on the warehouse the product loaded from the UTF-8 CSV: `python -m targets progress` (every
quota), the progress marts (bench.targets_progress), every dashboard page's data step
(bench.dashboard; p50/p95 warm, cold) plus its first query in a fresh process, and
`python -m briefing`. Wall time, CPU time (user + system) and peak RSS (os.wait4) of every
process; median of --runs; the load average when each process started. Figures go to
bench/RESULTS.md under "scale" (other sections are left alone).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from bench.etl_load import FLOOR, OUT, REPO
from bench.scale_data import csv_files, parquet_file, xlsx_file
from bench.scale_report import write_report

TODAY = "2026-11-22"  # the generator's "today": no date of the ledgers is in the future
AS_OF = "2025-06-15"  # as bench.targets_progress
BRIEFING_AS_OF = "2025-09-30"
PANDAS_PIECE = 1_000_000  # rows per piece when the analyst's file is too big to read whole
PANDAS_WHOLE_UP_TO = 3_000_000

FLOOR_PARQUET = """
import sys, duckdb
con = duckdb.connect(sys.argv[2])
con.execute("set enable_progress_bar = false")
con.execute("create table t as select * from read_parquet(?)", [sys.argv[1]])
con.execute("checkpoint")
"""
FLOOR_XLSX = """
import sys, fastexcel
frame = fastexcel.read_excel(sys.argv[1]).load_sheet(0).to_polars()
assert frame.height > 0
"""


@dataclass
class Figure:
    """One measured case: per-run wall s, CPU s, peak MB and load average at the start."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    out: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        return {
            "seconds": statistics.median(self.wall),
            "cpu": statistics.median(self.cpu),
            "peak_mb": max(self.peak),
            "load": [min(self.load), max(self.load)],
            "runs": self.wall,
            "out": self.out,
        }


def measure(cmd: list[str], figure: Figure) -> str:
    """Run one process; add its wall time, CPU time, peak RSS and load average to figure.

    Through /usr/bin/time: Linux carries a parent's RSS high-water mark into a forked child's
    ru_maxrss (the old mm's hiwater is kept at exec), so os.wait4 on a child of this process would
    report at least this process's own peak. time(1) is small, so its child's figure is its own.
    """
    figure.load.append(os.getloadavg()[0])
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with tempfile.NamedTemporaryFile("r", suffix=".time") as usage:
            timed = ["/usr/bin/time", "-q", "-f", "%e %U %S %M", "-o", usage.name, *cmd]
            started = time.perf_counter()
            done = subprocess.run(timed, stdout=out, stderr=err, cwd=REPO, check=False)
            seconds = time.perf_counter() - started
            _, user, system, peak_kb = usage.read().split()[-4:]
        out.seek(0)
        err.seek(0)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {err.read().decode()[-2000:]}")
        text = out.read().decode()
    figure.wall.append(seconds)
    figure.cpu.append(float(user) + float(system))
    figure.peak.append(int(peak_kb) / 1024)
    return text


def fresh(name: str) -> Path:
    """A database path in bench/out/ with no file (or WAL, lock, copy) left from a last run."""
    for p in OUT.glob(name + "*"):
        p.unlink()
    return OUT / name


def _load_cases(path: Path, rows: int, tag: str) -> dict[str, list[str]]:
    py = sys.executable
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        floor = [py, "-c", FLOOR_XLSX, str(path)]
    elif suffix == ".parquet":
        floor = [py, "-c", FLOOR_PARQUET, str(path), str(OUT / f"scale-floor-{tag}.duckdb")]
    elif "gb18030" in path.name:
        floor = []  # DuckDB reads no GB18030 without its encodings extension: see the report
    else:
        floor = [py, "-c", FLOOR, str(path), str(OUT / f"scale-floor-{tag}.duckdb")]
    chunk = ["--chunk", str(PANDAS_PIECE)] if rows > PANDAS_WHOLE_UP_TO else []
    product_db = OUT / f"scale-{tag}.duckdb"
    pandas_db = OUT / f"scale-pd-{tag}.duckdb"
    return {
        "floor": floor,
        "product": [py, "-m", "etl", "load", str(path), "--db", str(product_db), "--json"],
        "pandas": [
            py,
            "-m",
            "bench.pandas_load",
            str(path),
            str(pandas_db),
            "--today",
            TODAY,
            *chunk,
        ],
    }


def run_loads(path: Path, rows: int, tag: str, runs: int) -> dict[str, dict[str, Any]]:
    """floor / product / pandas on one file, interleaved run by run (same machine weather)."""
    cases = {k: v for k, v in _load_cases(path, rows, tag).items() if v}
    figures = {k: Figure() for k in cases}
    for _ in range(runs):
        for name, cmd in cases.items():
            for db in (
                f"scale-floor-{tag}.duckdb",
                f"scale-{tag}.duckdb",
                f"scale-pd-{tag}.duckdb",
            ):
                fresh(db)
            out = measure(cmd, figures[name])
            if name == "product":
                [r] = json.loads(out)["files"]
                assert r["rows"] == r["loaded"] + r["duplicates"] + r["rejected"] + r["skipped"]
                figures[name].out = r
            elif name == "pandas":
                figures[name].out = json.loads(out)
            f = figures[name]
            print(
                f"  {tag:22s} {name:8s} {f.wall[-1]:7.2f} s  cpu {f.cpu[-1]:7.2f} s  "
                f"{f.peak[-1]:6.0f} MB  load {f.load[-1]:.1f}",
                flush=True,
            )
    for db in (f"scale-floor-{tag}.duckdb", f"scale-pd-{tag}.duckdb"):
        fresh(db)
    return {k: f.summary() for k, f in figures.items()}


def run_size_loads(rows: int, runs: int) -> dict[str, dict[str, dict[str, Any]]]:
    utf8, gb = csv_files(rows)
    files = {"UTF-8 CSV": ("csv", utf8), "GB18030 CSV": ("gb18030", gb)}
    files["Parquet"] = ("parquet", parquet_file(rows))
    out = {}
    for label, (key, path) in files.items():
        out[label] = run_loads(path, rows, f"{rows}-{key}", runs)
        out[label]["_file"] = {"mb": path.stat().st_size / 1e6}
    # Keep the product's warehouse of the UTF-8 CSV for the queries; drop the others.
    keep = OUT / f"scale-{rows}-csv.duckdb"
    if keep.exists():
        shutil.copyfile(keep, warehouse(rows))
    for p in OUT.glob(f"scale-{rows}-*.duckdb*"):
        p.unlink()
    return out


def warehouse(rows: int) -> Path:
    return OUT / f"scale-warehouse-{rows}.duckdb"


# Queries -------------------------------------------------------------------------------------


def child_queries(db: Path) -> dict[str, Any]:
    """In this process: the marts (bench.targets_progress) and the pages' data steps."""
    import logging

    from bench import dashboard, targets_progress

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    marts = targets_progress.time_queries(db)
    pages = {f"{s.page} · {s.label}": dashboard.time_queries(db, s) for s in dashboard.SCENARIOS}
    return {"marts": marts, "pages": pages}


def child_first_query(db: Path, index: int) -> dict[str, float]:
    """In a fresh process: import the page's code, then its first data step, nothing cached."""
    started = time.perf_counter()
    import logging

    from bench import dashboard
    from dashboard.source import Reader

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    imported = time.perf_counter() - started
    s = dashboard.SCENARIOS[index]
    started = time.perf_counter()
    with Reader(db) as reader:
        s.run(dashboard.context(db, s, reader))
    return {"import_s": imported, "first_ms": (time.perf_counter() - started) * 1000}


def run_queries(rows: int, runs: int) -> dict[str, Any]:
    db = warehouse(rows)
    if not db.exists():  # --skip-load on a first run: load the UTF-8 ledger once
        utf8, _ = csv_files(rows)
        fresh(db.name)
        measure([sys.executable, "-m", "etl", "load", str(utf8), "--db", str(db)], Figure())
    py = sys.executable
    out: dict[str, Any] = {"records": _records(db)}
    progress = Figure()
    for _ in range(runs):
        measure(
            [py, "-m", "targets", "progress", "--db", str(db), "--as-of", AS_OF, "--json"], progress
        )
    out["progress"] = progress.summary()
    print(f"  progress: {out['progress']['seconds']:.2f} s", flush=True)
    child = Figure()
    res = measure([py, "-m", "bench.scale", "--child-queries", str(db)], child)
    out["queries"] = json.loads(res.splitlines()[-1])
    out["queries_process"] = child.summary()
    first: dict[str, Any] = {}
    for i, name in enumerate(out["queries"]["pages"]):  # bench.dashboard.SCENARIOS, in order
        f = Figure()
        res = measure([py, "-m", "bench.scale", "--child-first", str(db), str(i)], f)
        first[name] = {**json.loads(res.splitlines()[-1]), **f.summary()}
    out["first"] = first
    out["briefing"] = run_briefing(db, runs)
    out["storage"] = run_storage(db)
    return out


def run_storage(db: Path) -> dict[str, Any]:
    """The warehouse's size, its summary's rows, and one `etl export` of it (time and size)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("select count(*) from summary").fetchone()
    finally:
        con.close()
    f = Figure()
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        lake = Path(tmp) / "lake"
        measure([sys.executable, "-m", "etl", "export", "--db", str(db), "--parquet", str(lake)], f)
        lake_mb = sum(p.stat().st_size for p in lake.rglob("*") if p.is_file()) / 1e6
    print(f"  export: {statistics.median(f.wall):.2f} s, {lake_mb:,.0f} MB", flush=True)
    return {
        "warehouse_mb": db.stat().st_size / 1e6,
        "summary_rows": int(row[0]) if row else 0,
        "export": f.summary(),
        "export_mb": lake_mb,
    }


def run_briefing(db: Path, runs: int) -> dict[str, Any] | None:
    if not (REPO / "briefing" / "__main__.py").exists():
        return None
    f = Figure()
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "-m", "briefing", "--db", str(db), "--as-of", BRIEFING_AS_OF]
            measure([*cmd, "--out", tmp, "--no-snapshot", "--quiet"], f)
    print(f"  briefing: {statistics.median(f.wall):.2f} s", flush=True)
    return f.summary()


def _records(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("select count(*) from records").fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()


def environment(args: argparse.Namespace) -> dict[str, Any]:
    git = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    import fastexcel
    import pandas

    return {
        "date": date.today().isoformat(),
        "machine": f"{platform.platform()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB",
        "versions": f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, "
        f"Polars {pl.__version__}, fastexcel {fastexcel.__version__}, pandas {pandas.__version__}",
        "git": git,
        "command": " ".join(["python -m bench.scale", *sys.argv[1:]]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="3000000,10000000", help="rows, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xlsx-rows", type=int, default=200_000)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--merge",
        type=Path,
        help="an earlier run's figures (JSON) to keep where this run measures nothing",
    )
    parser.add_argument("--child-queries", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-first", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_queries:
        print(json.dumps(child_queries(args.child_queries)))
        return
    if args.child_first:
        print(json.dumps(child_first_query(Path(args.child_first[0]), int(args.child_first[1]))))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]  # "" for the XLSX alone
    results: dict[str, Any] = {"envs": [], "runs": args.runs, "sizes": {}}
    if args.merge:
        results = json.loads(args.merge.read_text(encoding="utf-8"))
    results["envs"].append(environment(args))
    for rows in sizes:
        print(f"== {rows:,} rows", flush=True)
        entry: dict[str, Any] = results["sizes"].setdefault(str(rows), {})
        if not args.skip_load:
            entry["loads"] = run_size_loads(rows, args.runs)
        if not args.skip_queries:
            entry["queries"] = run_queries(rows, args.runs)
    if not args.skip_load and args.xlsx_rows:
        path = xlsx_file(args.xlsx_rows)
        print(f"== XLSX {args.xlsx_rows:,} rows", flush=True)
        results["xlsx"] = {
            "rows": args.xlsx_rows,
            **run_loads(path, args.xlsx_rows, "xlsx", args.runs),
        }
    stamp = OUT / f"scale-{time.strftime('%Y%m%dT%H%M%S')}.json"
    stamp.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"figures: {stamp}")
    if not args.no_write:
        write_report(results)


if __name__ == "__main__":
    main()
