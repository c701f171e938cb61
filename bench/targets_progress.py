"""Benchmark of the progress engine over a 10-million-record warehouse (not a test).

    .venv/bin/python -m bench.targets_progress [--rows N] [--rebuild] [--no-write]

Builds (or reuses, in bench/out/) two synthetic warehouses: records made directly with DuckDB's
`range()` for every record-measured quota of the catalogue, in classes of 40 trainees (one town,
one institution, one end date each), as monthly uploads per region (one batch each), with the
summary filled by etl/sql/insert_summary.sql batch by batch, as loads do. The "batches" layout
stores records in upload order (as loads do); the "shuffled" layout stores the same rows in random
order, the worst case for the few quotas that must read `records` (the filtered ones). Then it
times the whole `python -m targets progress --as-of … --json` process (median of 3 runs) and
each mart query (first run on a fresh connection = cold, then p50/p95 of warm runs), and writes
the figures to bench/RESULTS.md under "targets progress".
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE
from catalogue.scope import build_scope
from etl.people import keep_people
from etl.statements import sql
from targets import marts
from warehouse.migrations import migrate
from warehouse.store import create_schema

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
LAYOUTS = {"batches": "order by batch_id, end_date", "shuffled": "order by hash(i, 9)"}
RESULTS = REPO / "bench" / "RESULTS.md"
HEADING = "## targets progress"
AS_OF = date(2025, 6, 15)
YEAR = 2024
WARM_RUNS = 20
LOAD = " / ".join(f"{x:.1f}" for x in os.getloadavg())
CLASS_SIZE = 40
DEFAULT_WEIGHT = 20_000  # a quota without a target of its own still gets records

# Places and institutions per region level: town names repeat across counties on purpose.
PLACES = {"county": 20, "city": 130, "province": 880}
INSTITUTIONS = {"county": 40, "city": 150, "province": 400}


def _programmes() -> pl.DataFrame:
    """Every record-measured quota, with its region, period and a share of the rows."""
    cat = load_catalogue()
    rows = []
    for q in cat.quotas:
        if not q.matchable:
            continue
        own = q.target if q.target else DEFAULT_WEIGHT
        kids = sum(k.target or 0 for k in cat.descendants(q.id) if k.matchable)
        rows.append(
            {
                "programme_id": q.id,
                "region": q.id.split("/")[0],
                "province": q.region.province,
                "city": q.region.city,
                "county": q.region.county,
                "level": q.region.level,
                "period_start": q.period_start,
                "days": (q.period_end - q.period_start).days + 1,
                "weight": float(max(own - kids, DEFAULT_WEIGHT // 4)),
            }
        )
    frame = pl.DataFrame(rows)
    cum = frame.get_column("weight").cum_sum() / frame.get_column("weight").sum()
    return frame.with_columns(
        pl.Series("hi", (cum * 1000).round().cast(pl.Int64)),
        pl.Series("idx", range(frame.height), dtype=pl.Int64),
        pl.col("level").replace_strict(PLACES, return_dtype=pl.Int64).alias("places"),
        pl.col("level").replace_strict(INSTITUTIONS, return_dtype=pl.Int64).alias("insts"),
    )


SYNTH = """
insert into records by name
with
slots as (
    select range as slot, (select min(idx) from progs where hi > range) as idx from range(1000)
),
raw as (
    select range as i, range // $class_size as c from range($rows)
),
classes as (
    select i, c, hash(c, 1) % 1000 as slot, hash(c, 2) as h_day, hash(c, 3) as h_place,
        hash(c, 4) as h_inst
    from raw
),
placed as (
    select k.*, p.*, (k.h_place % p.places)::bigint as place,
        p.period_start + (k.h_day % p.days)::integer as end_day
    from classes as k
    join slots as s using (slot)
    join progs as p using (idx)
),
final as (
    select
        region || '-' || strftime(end_day, '%Y%m') as batch_id,
        (i % 1000000)::integer + 1 as source_row,
        '学员' || i as name,
        lpad((i % 999999999999999999)::varchar, 18, '0') as id_number,
        programme_id,
        programme_id as programme_raw,
        end_day - 5 as start_date,
        end_day as end_date,
        case when hash(i, 5) % 2 = 0 then '男' else '女' end as gender,
        '镇' || place as town,
        coalesce(county, case when level = 'city' then '县' || (place % 13)
            else '市' || (place % 11) || '区' || (place % 88) end) as county,
        coalesce(city, '市' || (place % 11)) as city,
        province,
        region || '培训机构' || (h_inst % insts) as institution,
        '工种' || (c % 7) as occupation,
        '五级' as level,
        5.0 as days,
        40.0 as hours,
        hash(i, 6) % 100 < 85 as certified,
        hash(i, 7) % 100 < 55 as employed,
        case when hash(i, 7) % 100 < 55 then
            case hash(i, 8) % 4 when 0 then '广东省佛山市' when 1 then '本地' else '本省' end
        end as employment_place,
        '农村劳动力' as category,
        'C' || c as class_id,
        hash(i) as key_hash,
        i
    from placed
)
select * exclude (i) from final
"""


def build(path: Path, rows: int, layout: str) -> None:
    """Synthesise `rows` records into a fresh warehouse at `path`, summary by batch."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in (path, path.with_name(path.name + ".wal")):
        old.unlink(missing_ok=True)
    started = time.perf_counter()
    con = duckdb.connect(str(path))
    try:
        create_schema(con)
        migrate(con, fresh=True)  # stamped with the current version: no reader migrates it
        con.register("progs", _programmes())
        # LAYOUTS holds our own constant clauses, never values
        con.execute(SYNTH + LAYOUTS[layout], {"rows": rows, "class_size": CLASS_SIZE})
        batches = [b for (b,) in con.execute("select distinct batch_id from records").fetchall()]
        insert = sql("insert_summary")
        for batch in sorted(batches):
            con.execute(insert, {"batch_id": batch})
        con.execute(sql("rebuild_summary_days"))
        con.execute(sql("rebuild_summary_batches"))
        con.execute(sql("rebuild_summary_place_months"))
        people = time.perf_counter()
        keep_people(con, load_catalogue(), "")  # the 人/名 quotas' people, as a load keeps them
        print(f"people of the 人/名 quotas kept in {time.perf_counter() - people:.1f} s")
        con.execute("checkpoint")
    finally:
        con.close()
    print(f"built {path} ({rows:,} records, {layout}) in {time.perf_counter() - started:.1f} s")


def _count(path: Path, table: str) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute(f"select count(*) from {table}").fetchone()  # table: our constant
        return int(row[0]) if row else 0
    finally:
        con.close()


def time_cli(path: Path, runs: int = 3) -> list[float]:
    """Wall-clock seconds of the whole `python -m targets progress` process, per run."""
    env = {**os.environ, "SKILLTRACK_DB": str(path)}
    args = [sys.executable, "-m", "targets", "progress", "--as-of", AS_OF.isoformat(), "--json"]
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, check=False)
        out.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(done.stderr.decode())
    return out


def _queries() -> dict[str, Callable[[duckdb.DuckDBPyConnection], pl.DataFrame]]:
    cat = load_catalogue()
    scope = build_scope(cat)
    foshan = "kaili-2024/foshan-order/foshan-placement"
    return {
        "quota_counts (every quota: `progress`)": lambda con: marts.quota_counts(
            con, scope, AS_OF, EVERYWHERE
        ),
        "quota_counts (filtered quota only)": lambda con: marts.quota_counts(
            con, scope.only([foshan]), AS_OF, EVERYWHERE
        ),
        "quota_years (every quota)": lambda con: marts.quota_years(con, scope, AS_OF, EVERYWHERE),
        "quota_months (every quota)": lambda con: marts.quota_months(con, scope, AS_OF, EVERYWHERE),
        "region_counts (`towns` kaili-2024)": lambda con: marts.region_counts(
            con, scope.only(["kaili-2024"]), AS_OF, EVERYWHERE
        ),
        "region_counts (`towns` zhejiang-2021, largest)": lambda con: marts.region_counts(
            con, scope.only(["zhejiang-2021"]), AS_OF, EVERYWHERE
        ),
        "institution_years (`institutions`)": lambda con: marts.institution_years(
            con, YEAR, EVERYWHERE
        ),
        "institution_programmes": lambda con: marts.institution_programmes(con, YEAR, EVERYWHERE),
    }


def time_queries(path: Path) -> dict[str, tuple[float, float, float]]:
    """Per mart query: (cold ms, warm p50 ms, warm p95 ms)."""
    out = {}
    for name, run in _queries().items():
        con = duckdb.connect(str(path), read_only=True)
        try:
            started = time.perf_counter()
            run(con)
            cold = time.perf_counter() - started
            warm = []
            for _ in range(WARM_RUNS):
                started = time.perf_counter()
                run(con)
                warm.append(time.perf_counter() - started)
        finally:
            con.close()
        warm.sort()
        p95 = warm[min(len(warm) - 1, math.ceil(0.95 * len(warm)) - 1)]
        out[name] = (cold * 1000, statistics.median(warm) * 1000, p95 * 1000)
    return out


Timings = tuple[list[float], dict[str, tuple[float, float, float]]]


def report(paths: dict[str, Path], timings: dict[str, Timings]) -> str:
    """The RESULTS.md section: one column per layout."""
    first = next(iter(paths.values()))
    records, summary = _count(first, "records"), _count(first, "summary")
    layouts = list(timings)
    lines = [
        HEADING,
        "",
        f"`python -m bench.targets_progress` on {date.today()}: {records:,} synthetic records "
        f"in {summary:,} summary rows (day grain, {CLASS_SIZE}-trainee classes), "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, DuckDB {duckdb.__version__}, "
        f"Polars {pl.__version__}; load average {LOAD} when it started (the machine is "
        f"shared). As-of date {AS_OF}; institutions for {YEAR}. Layouts: "
        "*batches* = records in upload order, as loads store them; *shuffled* = the same rows "
        "in random order, the worst case for filtered quotas, which read `records`.",
        "",
        "| whole process (median of 3) | " + " | ".join(layouts) + " |",
        "|---|" + "---:|" * len(layouts),
        f"| `python -m targets progress --as-of {AS_OF} --json` (every quota), s | "
        + " | ".join(f"**{statistics.median(timings[k][0]):.2f}**" for k in layouts)
        + " |",
        "",
        f"| mart query, ms: cold / warm p50 / warm p95 (of {WARM_RUNS}) | "
        + " | ".join(layouts)
        + " |",
        "|---|" + "---:|" * len(layouts),
    ]
    for name in timings[layouts[0]][1]:
        cells = []
        for k in layouts:
            cold, p50, p95 = timings[k][1][name]
            cells.append(f"{cold:.0f} / {p50:.0f} / {p95:.0f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Budgets: 2 s for the whole process, 100 ms per mart query. Cold = the first query on a "
        "fresh read-only connection (the OS page cache is warm; each CLI run is a cold run). "
        "Process runs (s): "
        + "; ".join(f"{k} {', '.join(f'{x:.2f}' for x in timings[k][0])}" for k in layouts)
        + ".",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str, results: Path = RESULTS) -> None:
    """Replace (or add) this benchmark's section of RESULTS.md, leaving the others alone."""
    old = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n\n"
    start = old.find(HEADING + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        nxt = old.find("\n## ", start + len(HEADING))
        new = old[:start] + text + (old[nxt + 1 :] if nxt >= 0 else "")
    results.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--rebuild", action="store_true", help="rebuild even if the files exist")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    args = parser.parse_args()
    paths = {k: OUT / f"targets-{args.rows // 1_000_000}m-{k}.duckdb" for k in LAYOUTS}
    timings: dict[str, Timings] = {}
    for layout, path in paths.items():
        if args.rebuild or not path.exists() or _count(path, "records") != args.rows:
            build(path, args.rows, layout)
        timings[layout] = (time_cli(path), time_queries(path))
    text = report(paths, timings)
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
