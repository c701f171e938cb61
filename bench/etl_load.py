"""Benchmark of the ETL load against DuckDB's bare read_csv of the same file (not a test).

    .venv/bin/python -m bench.etl_load [--rows 3000000] [--runs 3]

Writes one ledger from the demo generator (all five regions, headers mapped to one layout) as
UTF-8 CSV and as its GB18030 twin, then in the same run, each in a fresh process on a fresh
warehouse file, median of --runs rounds (each round runs every case once, so that a host that
slows down for a while slows every case alike):
- floor: DuckDB `create table … as select * from read_csv(file, all_varchar = true)` into a
  database file, checkpointed (the demo ledger mixes date forms, so typed detection fails on it);
- load:  `python -m etl load file --json` (full validation, dedupe, ledger, summary), through
  PHASED, which notes when the subsidy audit starts and ends;
- the same load with the audit left out (the load before issue 12);
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
# Both UTF-8 loads run `python -m etl load` through this wrapper, which notes when the load calls
# etl.audit.refresh, when that returns and when the load ends (seconds, to the file argv[1]). For
# the baseline ("none") refresh does nothing: the load before issue 12. Everything before the
# call is the same code in both, so the audit's cost is taken as its own time plus what the rest
# of the load (the commit) takes after it, less that rest without it: a measure a host's slowdown
# of the reading and staging minutes does not blur. The wall times are reported beside it.
PHASED = """
import json, sys, time
started = time.perf_counter()
from etl import audit
refresh, marks = audit.refresh, {}
def phased(*args, **kwargs):
    marks["audit_start"] = time.perf_counter() - started
    if sys.argv[2] == "audit":
        refresh(*args, **kwargs)
    marks["audit_end"] = time.perf_counter() - started
audit.refresh = phased
from etl.cli import main
code = main(sys.argv[3:])
marks["end"] = time.perf_counter() - started
with open(sys.argv[1], "w") as f:
    json.dump(marks, f)
raise SystemExit(code)
"""


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


def _inside_share(with_audit: Path, without: Path, load_seconds: float) -> float:
    """The audit's cost over the load without it, from one round's marks (PHASED): the audit's
    own time plus the rest of its load after it, less the rest of the load without it, over the
    load without it (`load_seconds`, the process's wall time)."""
    w = json.loads(with_audit.read_text(encoding="utf-8"))
    n = json.loads(without.read_text(encoding="utf-8"))
    cost = (
        (w["audit_end"] - w["audit_start"])
        + (w["end"] - w["audit_end"])
        - (n["end"] - n["audit_end"])
    )
    return float(cost / load_seconds)


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
            "-c",
            PHASED,
            str(OUT / "marks-audit.json"),
            "audit",
            "load",
            str(utf8),
            "--db",
            str(fresh("load.duckdb")),
            "--json",
        ],
        NO_AUDIT: lambda: [
            py,
            "-c",
            PHASED,
            str(OUT / "marks-none.json"),
            "none",
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
    times: dict[str, list[float]] = {name: [] for name in cases}
    peaks: dict[str, list[float]] = {name: [] for name in cases}
    shares: list[float] = []
    inside: list[float] = []
    # Rounds, not one case after another: each round runs every case once, so a host that slows
    # down for some minutes slows every case alike. The audit's share is taken within a round (the
    # load with and without it run back to back, in turns first) and the median of the rounds is
    # reported beside the ratio of the medians.
    for round_ in range(runs):
        order = list(cases)
        if round_ % 2:
            i, j = order.index("load UTF-8 CSV"), order.index(NO_AUDIT)
            order[i], order[j] = order[j], order[i]
        for name in order:
            seconds, peak, out = measure(cases[name]())
            times[name].append(seconds)
            peaks[name].append(peak)
            if out.strip():
                [r] = json.loads(out)["files"]
                assert r["rows"] == r["loaded"] + r["duplicates"] + r["rejected"] + r["skipped"]
                figures.setdefault("_counts", {}).update({name: float(r["loaded"])})
        shares.append(times["load UTF-8 CSV"][-1] / times[NO_AUDIT][-1] - 1)
        inside.append(
            _inside_share(OUT / "marks-audit.json", OUT / "marks-none.json", times[NO_AUDIT][-1])
        )
        print(
            f"round {round_ + 1}: "
            + ", ".join(f"{times[name][-1]:.2f}" for name in cases)
            + f" s; audit share {shares[-1]:+.1%} (wall), {inside[-1]:+.1%} (inside the loads)",
            flush=True,
        )
    for name in cases:
        figures[name] = {"seconds": statistics.median(times[name]), "peak_mb": max(peaks[name])}
        print(
            f"{name}: {figures[name]['seconds']:.2f} s, {figures[name]['peak_mb']:.0f} MB",
            flush=True,
        )
    figures["_audit_share"] = {f"round {i + 1}": share for i, share in enumerate(shares)}
    figures["_audit_inside"] = {f"round {i + 1}": share for i, share in enumerate(inside)}
    figures["_sizes"] = {"utf8_mb": utf8.stat().st_size / 1e6, "gb_mb": gb.stat().st_size / 1e6}
    return figures


def write(rows: int, runs: int, figures: dict[str, dict[str, float]]) -> None:
    floor = figures["floor: DuckDB read_csv → table"]["seconds"]
    utf8 = figures["load UTF-8 CSV"]["seconds"]
    gb = figures["load GB18030 CSV"]["seconds"]
    shares = list(figures["_audit_share"].values())
    inside = list(figures["_audit_inside"].values())
    lines = [
        HEADING,
        "",
        f"{rows:,} rows from the demo generator, UTF-8 CSV {figures['_sizes']['utf8_mb']:.0f} MB "
        f"(GB18030 twin {figures['_sizes']['gb_mb']:.0f} MB); median of {runs} rounds, each "
        f"running every case once in a fresh process on a fresh warehouse file. "
        f"{platform.platform()}, {os.cpu_count()} cores, "
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
        f"**{statistics.median(inside):.1%}** inside the loads: the median of the rounds' "
        f"({', '.join(f'{s:+.1%}' for s in inside)}), each the audit's own time plus the rest "
        "of its load after it, less that rest in the load without it, over the load without it "
        "(the code before the audit is the same in both). The loads' wall times, run back to "
        f"back in each round: **{statistics.median(shares):.1%}** "
        f"({', '.join(f'{s:+.1%}' for s in shares)}; ratio of the medians "
        f"{utf8 / figures[NO_AUDIT]['seconds'] - 1:+.1%}).",
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
