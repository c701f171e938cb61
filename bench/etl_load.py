"""Benchmark of the ETL load against DuckDB's bare read_csv of the same file (not a test).

    .venv/bin/python -m bench.etl_load [--rows 3000000] [--runs 3]

Writes one ledger from the demo generator (all five regions, headers mapped to one layout) as
UTF-8 CSV and as its GB18030 twin, then in the same run, each in a fresh process on a fresh
warehouse file, median of --runs:
- floor: DuckDB `create table … as select * from read_csv(file, all_varchar = true)` into a
  database file, checkpointed (the demo ledger mixes date forms, so typed detection fails on it);
- load:  `python -m etl load file --json` (full validation, dedupe, ledger, summary);
- load of the GB18030 twin.
Wall time and peak memory (max RSS of the process) go to bench/RESULTS.md under "etl load".
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
import time
from pathlib import Path

import duckdb
import polars as pl

from etl.fields import ALIAS_TO_FIELD, ALIASES, normalise_header

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
RESULTS = REPO / "bench" / "RESULTS.md"
HEADING = "## etl load"

FLOOR = """
import sys, duckdb
con = duckdb.connect(sys.argv[2])
con.execute("set enable_progress_bar = false")
con.execute("create table t as select * from read_csv(?, all_varchar = true)", [sys.argv[1]])
con.execute("checkpoint")
"""


def ledger(rows: int, seed: int = 1) -> pl.DataFrame:
    """`rows` demo rows of all regions in one layout (each field under its first header alias)."""
    from datetime import date

    from demo.generate import generate

    frames = []
    for frame in generate(rows, seed, date(2026, 11, 22)).values():
        names = {}
        for h in frame.columns:
            field = ALIAS_TO_FIELD.get(normalise_header(h))
            names[h] = ALIASES[field][0] if field else h
        frames.append(frame.rename(names))
    return pl.concat(frames, how="diagonal_relaxed").head(rows)


def files(rows: int) -> tuple[Path, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    utf8, gb = OUT / f"ledger-{rows}.csv", OUT / f"ledger-{rows}-gb18030.csv"
    if not utf8.exists():
        ledger(rows).write_csv(utf8)
    if not gb.exists():
        with utf8.open(encoding="utf-8") as src, gb.open("w", encoding="gb18030") as dst:
            while chunk := src.read(1 << 24):
                dst.write(chunk)
    return utf8, gb


NO_AUDIT = "load UTF-8 CSV, subsidy audit left out (the load before issue 12)"
# The same load with etl.audit.refresh replaced by nothing: the baseline of the audit's cost (a
# 3M-row load may cost at most 15% more with it), measured in the same run on the same machine.
WITHOUT_AUDIT = (
    "import sys; from etl import audit; audit.refresh = lambda *a, **k: None; "
    "from etl.cli import main; raise SystemExit(main(sys.argv[1:]))"
)


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """(seconds, peak MB, stdout) of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed: {err}")
    return seconds, usage.ru_maxrss / 1024, out.decode()


def fresh(name: str) -> Path:
    path = OUT / name
    for p in OUT.glob(name + "*"):  # the file, its WAL and lock, the loads' scratch folder
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink()
    return path


def run(rows: int, runs: int) -> dict[str, dict[str, float]]:
    utf8, gb = files(rows)
    py = sys.executable
    cases = {
        "floor: DuckDB read_csv → table": lambda: [
            py,
            "-c",
            FLOOR,
            str(utf8),
            str(fresh("floor.duckdb")),
        ],
        "load UTF-8 CSV": lambda: [
            py,
            "-m",
            "etl",
            "load",
            str(utf8),
            "--db",
            str(fresh("load.duckdb")),
            "--json",
        ],
        NO_AUDIT: lambda: [
            py,
            "-c",
            WITHOUT_AUDIT,
            "load",
            str(utf8),
            "--db",
            str(fresh("noaudit.duckdb")),
            "--json",
        ],
        "load GB18030 CSV": lambda: [
            py,
            "-m",
            "etl",
            "load",
            str(gb),
            "--db",
            str(fresh("gb.duckdb")),
            "--json",
        ],
    }
    figures: dict[str, dict[str, float]] = {}
    for name, cmd in cases.items():
        times, peaks = [], []
        for _ in range(runs):
            seconds, peak, out = measure(cmd())
            times.append(seconds)
            peaks.append(peak)
            if out.strip():
                [r] = json.loads(out)["files"]
                assert r["rows"] == r["loaded"] + r["duplicates"] + r["rejected"] + r["skipped"]
                figures.setdefault("_counts", {}).update({name: float(r["loaded"])})
        figures[name] = {"seconds": statistics.median(times), "peak_mb": max(peaks)}
        print(
            f"{name}: {figures[name]['seconds']:.2f} s, {figures[name]['peak_mb']:.0f} MB",
            flush=True,
        )
    figures["_sizes"] = {"utf8_mb": utf8.stat().st_size / 1e6, "gb_mb": gb.stat().st_size / 1e6}
    return figures


def write(rows: int, runs: int, figures: dict[str, dict[str, float]]) -> None:
    floor = figures["floor: DuckDB read_csv → table"]["seconds"]
    utf8 = figures["load UTF-8 CSV"]["seconds"]
    gb = figures["load GB18030 CSV"]["seconds"]
    lines = [
        HEADING,
        "",
        f"{rows:,} rows from the demo generator, UTF-8 CSV {figures['_sizes']['utf8_mb']:.0f} MB "
        f"(GB18030 twin {figures['_sizes']['gb_mb']:.0f} MB); median of {runs} runs, each a fresh "
        f"process on a fresh warehouse file. {platform.platform()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, "
        f"Polars {pl.__version__}. "
        f"Command: `python -m bench.etl_load --rows {rows} --runs {runs}`.",
        "",
        "| case | seconds | × floor | peak MB |",
        "|---|---:|---:|---:|",
    ]
    for name in ("floor: DuckDB read_csv → table", NO_AUDIT, "load UTF-8 CSV", "load GB18030 CSV"):
        f = figures[name]
        lines.append(
            f"| {name} | {f['seconds']:.2f} | {f['seconds'] / floor:.2f} | {f['peak_mb']:.0f} |"
        )
    lines += [
        "",
        f"Goals (issue: etl): load ≤ 2× floor → **{utf8 / floor:.2f}×**; peak < 2 GB → "
        f"**{figures['load UTF-8 CSV']['peak_mb']:.0f} MB**; GB18030 ≤ 1.5× its UTF-8 twin → "
        f"**{gb / utf8:.2f}×**. Goal (issue 12): the subsidy audit adds ≤ 15% to a 3M-row load → "
        f"**{utf8 / figures[NO_AUDIT]['seconds'] - 1:.0%}** (the UTF-8 load against the same load "
        "with the audit left out, both in this run).",
        "",
        "",
    ]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n\n"
    if HEADING in text:
        start = text.index(HEADING)
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + "\n".join(lines) + (text[end + 1 :] if end != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines)
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    write(args.rows, args.runs, run(args.rows, args.runs))


if __name__ == "__main__":
    main()
