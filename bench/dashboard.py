"""Benchmark of the dashboard on a 3-million-record demo warehouse (not a test).

    .venv/bin/python -m bench.dashboard [--rows N] [--rebuild] [--no-browser] [--no-write]

Builds (or reuses) bench/out/dashboard-<rows>.duckdb with `python -m etl demo`'s generator, then
per page and scenario:

* queries: the page's whole data step (dashboard.overview.build, dashboard.programme.build, …,
  the very code the page runs), uncached — st.cache_data cleared before every run, on a fresh
  connection, as after a load — cold once, then p50/p95 of 20 warm runs (warehouse in the OS
  cache); and cached — what every later rerun with the same filters costs;
* first render in a real browser (Playwright + Debian's chromium, 1366×768): a fresh
  `streamlit run` per page (nothing cached), from navigation to the script idle with every chart
  drawn; then the same page again in the same session.

Writes the figures to bench/RESULTS.md under "dashboard" (other sections are left alone).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from access import accounts
from access.accounts import User
from catalogue.region_scope import EVERYWHERE
from dashboard import institutions, overview, places, programme
from dashboard.cached import batches, freshness
from dashboard.source import Reader, catalogue_key, health, identity
from dashboard.view import Context
from demo.build import build_demo
from targets.plans import Filters

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
RESULTS = REPO / "bench" / "RESULTS.md"
WARM_RUNS = 20


@dataclass
class Scenario:
    page: str
    label: str
    plan: str | None
    programme: str | None
    as_of: date | None  # None: the latest record date
    run: Callable[[Context], Any]


def _overview(ctx: Context) -> Any:
    assert ctx.wid is not None
    return overview.build(ctx.wid, ctx)


def _programme(ctx: Context) -> Any:
    assert ctx.wid is not None and ctx.focus is not None
    data = programme.build(ctx.wid, ctx, ctx.focus)
    return data, programme.breakdown(ctx.wid, ctx, ctx.focus, "occupation")


def _places(ctx: Context) -> Any:
    assert ctx.wid is not None and ctx.focus is not None
    levels = places.levels_with_data(ctx.wid, ctx, ctx.focus)
    return places.build(ctx.wid, ctx, ctx.focus, levels[0], None, None)


def _institutions(ctx: Context) -> Any:
    assert ctx.wid is not None
    scope = institutions.scope(ctx)
    years = institutions.years(ctx.wid, ctx, scope)
    year = ctx.filters.as_of.year if ctx.filters.as_of.year in years else years[0]
    return institutions.judged(ctx.wid, ctx, scope, year)


def _data(ctx: Context) -> Any:
    assert ctx.wid is not None
    fresh = freshness(ctx.wid, ctx.ckey, ctx.region, ctx.reader)
    return fresh, batches(ctx.wid, ctx.ckey, ctx.region, (), ctx.reader)


ZJ = "zhejiang-jinlanling-2021-2023"
BENCH_USER = User("bench", "admin", EVERYWHERE)  # every region: what the figures were before
BENCH_LOGIN = ("bench", "bench-password")  # signs the browser runs in
ZJ_END = date(2023, 12, 31)
SCENARIOS = [
    Scenario("overview", "all regions", None, None, None, _overview),
    Scenario("overview", "Zhejiang", ZJ, None, ZJ_END, _overview),
    Scenario("programmes", "Kaili total", "kaili-2024-2025", None, None, _programme),
    Scenario("programmes", "Zhejiang total (largest)", ZJ, None, ZJ_END, _programme),
    Scenario("towns", "Kaili towns", "kaili-2024-2025", None, None, _places),
    Scenario("towns", "Zhejiang cities", ZJ, None, ZJ_END, _places),
    Scenario("institutions", "all regions", None, None, None, _institutions),
    Scenario("institutions", "Zhejiang 2023", ZJ, None, ZJ_END, _institutions),
    Scenario("data", "freshness + batches", None, None, None, _data),
]


def context(db: Path, s: Scenario, reader: Reader) -> Context:
    h = health(db)
    as_of = s.as_of or h.latest or date.today()
    filters = Filters(as_of=as_of, plan=s.plan, programme=s.programme, lang="zh")
    return Context(BENCH_USER, identity(db), catalogue_key(), h, filters, reader)


def time_queries(db: Path, s: Scenario) -> dict[str, float]:
    def once(clear: bool) -> float:
        if clear:
            st.cache_data.clear()
        with Reader(db) as reader:
            ctx = context(db, s, reader)
            started = time.perf_counter()
            s.run(ctx)
            return (time.perf_counter() - started) * 1000

    cold = once(True)
    warm = sorted(once(True) for _ in range(WARM_RUNS))
    cached = sorted(once(False) for _ in range(WARM_RUNS))
    p95 = int(0.95 * (WARM_RUNS - 1))
    return {
        "cold": cold,
        "p50": statistics.median(warm),
        "p95": warm[p95],
        "cached_p50": statistics.median(cached),
        "cached_p95": cached[p95],
    }


def time_browser(db: Path) -> dict[str, tuple[float, float, float]]:
    """Per page, s: first render on a fresh server with the browser's cache empty, the same with
    the browser's cache holding Streamlit's scripts (a returning user), the page again."""
    from tests.pages.browser_helpers import (
        PAGES,
        browser,
        free_port,
        missing_browser,
        render,
        serve,
    )

    reason = missing_browser()
    if reason:
        print(f"browser skipped: {reason}", file=sys.stderr)
        return {}
    out = {}
    state = db.parent / "skilltrack.sqlite"  # browser_helpers.serve's SKILLTRACK_STATE
    if accounts.get(state, BENCH_LOGIN[0]) is None:
        accounts.add_user(state, BENCH_LOGIN[0], "admin", EVERYWHERE, BENCH_LOGIN[1])
    port = free_port()  # one origin for every server, so the browser's cache can apply
    for name in PAGES:
        with browser() as tab:
            with serve(db, OUT / "dashboard-streamlit.log", port=port) as url:
                cold = render(tab, url, name, user=BENCH_LOGIN)  # empty browser cache
            with serve(db, OUT / "dashboard-streamlit.log", port=port) as url:
                first = render(tab, url, name, user=BENCH_LOGIN)  # browser cache warm
                assert not first.exceptions, first.exceptions
                render(tab, url, "data" if name != "data" else "overview", user=BENCH_LOGIN)
                again = render(tab, url, name, user=BENCH_LOGIN)
        out[name] = (cold.seconds, first.seconds, again.seconds)
        print(
            f"{name:13s} empty cache {cold.seconds:5.2f} s   first {first.seconds:5.2f} s   "
            f"again {again.seconds:5.2f} s"
        )
    return out


def write(
    rows: int,
    records: int,
    q: list[tuple[Scenario, dict[str, float]]],
    b: dict[str, tuple[float, float]],
) -> None:
    lines = [
        "## dashboard",
        "",
        f"`python -m bench.dashboard` on {date.today()}: demo warehouse of {records:,} records "
        f"(`build_demo(rows={rows:,})`), {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, DuckDB {duckdb.__version__}, Polars {pl.__version__}, "
        f"Streamlit {st.__version__}; load average {os.getloadavg()[0]:.1f} when it finished "
        "(other work on the machine makes every figure slower).",
        "",
        "Queries: each page's whole data step (the code the page runs), ms. *Uncached* = "
        "st.cache_data cleared before every run (new filters, or a first visit after a load), on "
        "a new cursor of the process's read-only connection, as the dashboard runs a page "
        "(dashboard.source.Reader): cold = the scenario's first run (the first scenario's also "
        "opens the file), then p50/p95 of 20 warm runs. *Cached* = any later rerun with the "
        "same filters (the page is answered from st.cache_data). Target: ≤ 100 ms p95 warm.",
        "",
        "| page | scenario | uncached cold | uncached p50 | uncached p95 | cached p50 "
        "| cached p95 |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for s, t in q:
        lines.append(
            f"| {s.page} | {s.label} | {t['cold']:.0f} | {t['p50']:.0f} | {t['p95']:.0f} | "
            f"{t['cached_p50']:.1f} | {t['cached_p95']:.1f} |"
        )
    if b:
        lines += [
            "",
            "Real browser (Playwright + Debian chromium, 1366×768), s: from navigation to the "
            "script idle with every chart drawn; all regions, latest as-of. *First render* = a "
            "fresh `python -m dashboard.serve` (what `make run` starts) per page, nothing cached "
            "on the server, the browser holding Streamlit's own scripts from an earlier visit; "
            "*empty browser cache* = the same with nothing cached in the browser either (a first "
            "visit ever: the browser also downloads Streamlit's and Plotly's scripts); *again* = "
            "the page revisited in the session. Target: first render ≤ 3 s.",
            "",
            "| page | first render | empty browser cache | again |",
            "|---|---:|---:|---:|",
            *[
                f"| {name} | {first:.2f} | {cold:.2f} | {again:.2f} |"
                for name, (cold, first, again) in b.items()
            ],
        ]
    section = "\n".join(lines) + "\n"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = text.find("## dashboard")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end + 1 :] if end >= 0 else "")
    else:
        text = text.rstrip() + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"dashboard-{args.rows}.duckdb"
    if args.rebuild or not db.exists():
        build_demo(db, rows=args.rows, verbose=True, replace=True)
    records = health(db).records
    results = []
    for s in SCENARIOS:
        t = time_queries(db, s)
        results.append((s, t))
        print(
            f"{s.page:13s} {s.label:26s} cold {t['cold']:6.0f}  p50 {t['p50']:6.0f}  "
            f"p95 {t['p95']:6.0f}  cached p95 {t['cached_p95']:5.1f} ms"
        )
    b = {} if args.no_browser else time_browser(db)
    if not args.no_write:
        write(args.rows, records, results, b)


if __name__ == "__main__":
    main()
