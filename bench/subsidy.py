"""Benchmark of the subsidy audit (not a test).

    .venv/bin/python -m bench.subsidy [--rows N] [--load-rows N] [--no-write]

Builds synthetic warehouses with bench.targets_progress's generator (records made with DuckDB's
`range()` for every record-measured quota), then gives the records people: ID numbers with birth
dates (one person in five trains twice or more) and phones (a few shared), so that every flag
has work to do. Then it measures:

* the audit a fresh load of `--load-rows` records adds (every record of a fresh warehouse is
  new, so the load judges all of them): etl.audit.refresh, timed alone; its share of a real
  load is bench.etl_load's (the demo ledger loaded with and without the audit), quoted from
  RESULTS.md's "etl load" as recorded;
* at `--rows`: judging every record (a load after the rules changed), and a later load of one
  region's month (judging only its people and those sharing their phones);
* the whole `python -m targets subsidies --as-of … --json` process (median of 3);
* the 补贴审核 page's data step (targets.subsidy.flag_counts + money, what dashboard.subsidy.audit
  runs): cold, then p50/p95 of 20 warm runs, for all regions, Yuncheng and Zhejiang (from the
  marts), for users scoped to 临沭县 and to 浙江省 (their documents lie inside their regions:
  the marts too), for a user scoped to one Zhejiang city (under the province-wide 金蓝领: its
  金蓝领 figures are read from the place marts, filtered to the city), and for users scoped to
  one town (of Zhejiang; of Kaili, below a county's documents: the place marts too).

Writes the figures to bench/RESULTS.md under "subsidy audit".
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb

from bench.targets_progress import OUT, REPO, RESULTS, build
from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE, RegionScope
from etl import audit
from targets import subsidy
from warehouse.store import connect_read, cursor_on

HEADING = "## subsidy audit"
AS_OF = date(2025, 6, 15)
WARM_RUNS = 20

PEOPLE = """
create or replace table records as
select * exclude (p) replace (
    '52' || lpad((p // 10000 % 10000)::varchar, 4, '0') || (1950 + p % 50)::varchar
        || lpad((1 + p % 12)::varchar, 2, '0') || '15' || lpad((p % 10000)::varchar, 4, '0')
        as id_number,
    case when key_hash % 100 = 0 then '13900000000'
        else '139' || lpad((key_hash % 100000000)::varchar, 8, '0') end as phone
)
from (select *, hash(key_hash, 21) % (0.8 * $rows)::bigint as p from records)
"""


def people(path: Path, rows: int) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute(PEOPLE, {"rows": rows})
        con.execute("checkpoint")
    finally:
        con.close()


def judge_all(path: Path) -> float:
    """Seconds of etl.audit.refresh judging every record (in a transaction, committed)."""
    cat = load_catalogue()
    con = duckdb.connect(str(path))
    try:
        con.execute("begin transaction")
        con.execute("create table if not exists audit_state (rules_digest varchar not null)")
        con.execute("delete from audit_state")
        started = time.perf_counter()
        audit.refresh(con, "no-such-batch", cat)
        seconds = time.perf_counter() - started
        con.execute("commit")
        con.execute("checkpoint")
    finally:
        con.close()
    return seconds


def judge_batch(path: Path) -> tuple[float, int]:
    """Seconds of a later load's audit: one region's month, its people judged again (as they
    are, and as they were before it)."""
    cat = load_catalogue()
    con = duckdb.connect(str(path))
    try:
        row = con.execute(
            "select batch_id, count(*) from records where batch_id like 'linshu-%' "
            "group by 1 order by 2 desc limit 1"
        ).fetchone()
        assert row is not None
        batch = [str(row[0])]
        # the warehouse as before that load: the batch's records and summary rows held aside,
        # every other record judged
        con.execute("begin transaction")
        for table in ("records", "summary"):  # our own constants
            con.execute(
                f"create temp table held_{table} as select * from {table} where batch_id = ?",
                batch,
            )
            con.execute(f"delete from {table} where batch_id = ?", batch)
        con.execute("delete from audit_state")
        audit.refresh(con, "no-such-batch", cat)
        con.execute("commit")
        # the load: its records back, then its audit
        con.execute("begin transaction")
        for table in ("records", "summary"):
            con.execute(f"insert into {table} by name select * from held_{table}")
        started = time.perf_counter()
        audit.refresh(con, batch[0], cat)
        seconds = time.perf_counter() - started
        con.execute("commit")
    finally:
        con.close()
    return seconds, int(row[1])


def time_cli(path: Path, runs: int = 3) -> list[float]:
    cmd = [sys.executable, "-m", "targets", "subsidies", "--as-of", AS_OF.isoformat()]
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([*cmd, "--json", "--db", str(path)], cwd=REPO, check=True,
                       capture_output=True)  # fmt: skip
        out.append(time.perf_counter() - started)
    return out


def time_page(path: Path) -> dict[str, tuple[float, float, float]]:
    cat = load_catalogue()
    every = [q.id for q in cat.quotas]
    zhejiang = [q.id for q in cat.quotas if q.id.startswith("zhejiang")]
    scenarios = {
        "all regions": (every, EVERYWHERE),
        "Yuncheng": ([q.id for q in cat.quotas if q.id.startswith("yuncheng")], EVERYWHERE),
        "Zhejiang (largest)": (zhejiang, EVERYWHERE),
        # a user whose region holds its documents' regions whole reads the marts; one inside a
        # wider document's region reads the place marts (subsidy_*_places.sql)
        "user scoped to 临沭县 (marts)": (every, RegionScope("山东省", "临沂市", "临沭县")),
        "user scoped to 浙江省 (largest; marts)": (zhejiang, RegionScope("浙江省")),
        # the generator names Zhejiang's cities 市0 … 市10
        "user scoped to one Zhejiang city (place marts)": (
            zhejiang,
            RegionScope("浙江省", "市3"),
        ),
        # a town's user: the generator names a province-wide plan's places 市c · 市c区d · 镇n
        # (place n: city n % 11, county n % 88), a county's 镇0 … 镇19
        "user scoped to one Zhejiang town (place marts)": (
            every,
            RegionScope("浙江省", "市3", "市3区3", "镇3"),
        ),
        "user scoped to one Kaili town (place marts)": (
            every,
            RegionScope("贵州省", "黔东南苗族侗族自治州", "凯里市", "镇3"),
        ),
    }
    con = connect_read(path)
    out = {}
    try:
        for name, (ids, region) in scenarios.items():
            cur = cursor_on(con)

            def step(
                c: duckdb.DuckDBPyConnection = cur,
                scope: list[str] = ids,
                where: RegionScope = region,
            ) -> None:
                subsidy.flag_counts(c, cat, AS_OF, scope, where)
                subsidy.money(c, cat, AS_OF, scope, where)

            started = time.perf_counter()
            step()
            cold = time.perf_counter() - started
            warm = []
            for _ in range(WARM_RUNS):
                started = time.perf_counter()
                step()
                warm.append(time.perf_counter() - started)
            warm.sort()
            out[name] = (cold * 1000, statistics.median(warm) * 1000, warm[18] * 1000)
            cur.close()
    finally:
        con.close()
    return out


def sizes(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            t: int(con.execute(f"select count(*) from {t}").fetchone()[0])  # type: ignore[index]
            for t in (  # our own constants
                "records",
                "audit",
                "audit_counts",
                "audit_money",
                "audit_counts_months",
                "audit_money_months",
                "audit_place_counts",
                "audit_money_places",
                "audit_place_events",
            )
        }
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--load-rows", type=int, default=3_000_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    small = OUT / f"subsidy-{args.load_rows}.duckdb"
    build(small, args.load_rows, "batches")
    people(small, args.load_rows)
    fresh_load = judge_all(small)
    big = OUT / f"subsidy-{args.rows}.duckdb"
    build(big, args.rows, "batches")
    people(big, args.rows)
    all_rows = judge_all(big)
    later, later_rows = judge_batch(big)
    cli = time_cli(big)
    page = time_page(big)
    n = sizes(big)
    text = report(args, load, fresh_load, all_rows, later, later_rows, cli, page, n)
    print(text)
    if not args.no_write:
        old = RESULTS.read_text(encoding="utf-8")
        start = old.find(HEADING + "\n")
        if start < 0:
            new = old.rstrip("\n") + "\n\n" + text
        else:
            nxt = old.find("\n## ", start + len(HEADING))
            new = old[:start] + text + (old[nxt + 1 :] if nxt >= 0 else "")
        RESULTS.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def recorded_load_share() -> str:
    """bench.etl_load's UTF-8 load with and without the audit, from RESULTS.md's "etl load"
    ('—' when it has not been run with the audit left out)."""
    from bench.etl_load import NO_AUDIT

    seconds: dict[str, float] = {}
    text = RESULTS.read_text(encoding="utf-8")
    start = text.find("\n## etl load\n")
    end = text.find("\n## ", start + 1)
    section = text[start : end if end >= 0 else len(text)] if start >= 0 else ""
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) > 1 and cells[0] in ("load UTF-8 CSV", NO_AUDIT):
            seconds.setdefault(cells[0], float(cells[1]))
    if len(seconds) < 2:
        return "—"
    with_audit, without = seconds["load UTF-8 CSV"], seconds[NO_AUDIT]
    # The share etl load reports: the median of its rounds' shares (a round runs both loads back
    # to back), else, in a section written before it ran in rounds, the ratio of the medians.
    share = re.search(r"Goal \(issue 12\)[^*]*\*\*([^*]+)\*\*", section)
    figure = share.group(1) if share else f"+{with_audit / without - 1:.0%}"
    return f"{with_audit:.2f} / {without:.2f} ({figure})"


def report(
    args: argparse.Namespace, load: float, fresh_load: float, all_rows: float, later: float,
    later_rows: int, cli: list[float], page: dict[str, tuple[float, float, float]],
    n: dict[str, int],
) -> str:  # fmt: skip
    rows = [
        f"{HEADING}\n",
        f"`python -m bench.subsidy` on {date.today()}: synthetic warehouses of {args.load_rows:,}"
        f" and {args.rows:,} records (bench.targets_progress's generator, given people: one in "
        f"five trains twice or more, 1% share one phone), {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, DuckDB {duckdb.__version__}; load average {load:.1f} when "
        "it started"
        + (
            " (**the machine was shared**: every figure is slower than on an idle machine).\n"
            if load > 1.5
            else ".\n"
        ),
        "| what | seconds |",
        "|---|---:|",
        f"| audit of a fresh {args.load_rows:,}-record load (every record judged) | "
        f"{fresh_load:.2f} |",
        f"| … the {args.load_rows:,}-row demo load with / without the audit (etl load, as "
        f"recorded) | {recorded_load_share()} |",
        f"| audit of every one of {args.rows:,} records (the first load after a rule changed) | "
        f"{all_rows:.2f} |",
        f"| audit of a later load into {args.rows:,} records (one Linshu month, {later_rows:,} "
        f"records: its people and their phones) | {later:.2f} |",
        f"| `python -m targets subsidies --as-of {AS_OF} --json`, whole process, median of 3 | "
        f"**{statistics.median(cli):.2f}** |",
        "",
        "| page data step (flag_counts + money), ms | cold | warm p50 | warm p95 |",
        "|---|---:|---:|---:|",
        *(f"| {k} | {c:.0f} | {p50:.0f} | **{p95:.0f}** |" for k, (c, p50, p95) in page.items()),
        "",
        f"Rows at {args.rows:,}: audit {n['audit']:,}, audit_counts {n['audit_counts']:,}, "
        f"audit_money {n['audit_money']:,}, audit_counts_months {n['audit_counts_months']:,}, "
        f"audit_money_months {n['audit_money_months']:,}, audit_place_counts "
        f"{n['audit_place_counts']:,}, audit_place_events {n['audit_place_events']:,} "
        f"(over {n['audit_money_places']:,} places). "
        "Goals: page data step ≤ 100 ms p95, "
        "`targets subsidies` ≤ 2 s, a 3M-row load ≤ 15% more. CLI runs (s): "
        + ", ".join(f"{x:.2f}" for x in cli)
        + ".",
    ]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    main()
