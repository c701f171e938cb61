"""bench/scale.py's section of bench/RESULTS.md: the tables and each goal of issue #5, met or not.

The section "## scale" is rewritten by every run; "## scale: reading" (the prose that explains the
figures) is written by hand and left alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "## scale"
FORMATS = ("UTF-8 CSV", "GB18030 CSV", "Parquet")


def _load(fig: dict[str, Any]) -> str:
    lo, hi = fig["load"]
    return f"{lo:.1f}" if abs(hi - lo) < 0.05 else f"{lo:.1f}–{hi:.1f}"


def _mb(x: float) -> str:
    return f"{x:,.0f}"


def _load_rows(label: str, rows: int, cases: dict[str, Any], floor: dict[str, Any]) -> list[str]:
    out = []
    note = "" if "floor" in cases else " †"
    for name in ("floor", "product", "pandas"):
        fig = cases.get(name)
        if fig is None:
            continue
        wall = f"{fig['seconds'] / floor['seconds']:.2f}{note}"
        cpu = f"{fig['cpu'] / floor['cpu']:.2f}{note}"
        out.append(
            f"| {rows:,} | {label} | {name} | {fig['seconds']:.2f} | {fig['cpu']:.2f} | {wall} "
            f"| {cpu} | {_mb(fig['peak_mb'])} | {_load(fig)} |"
        )
    return out


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


def goals(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met) for every goal of the issue that this run measured."""
    out: list[tuple[str, str, bool | None]] = []
    sizes = results["sizes"]
    three, ten = sizes.get("3000000", {}), sizes.get("10000000", {})
    if "loads" in three:
        csv = three["loads"]["UTF-8 CSV"]
        p, f, pd = csv["product"], csv["floor"], csv["pandas"]
        out.append(
            ("3M CSV load ≤ 1.5× DuckDB read_csv", f"{p['seconds'] / f['seconds']:.2f}× "
             f"({p['seconds']:.2f} s / {f['seconds']:.2f} s)", p["seconds"] <= 1.5 * f["seconds"])
        )  # fmt: skip
        out.append(
            ("3M CSV load ≥ 6× faster than pandas", f"{pd['seconds'] / p['seconds']:.1f}× "
             f"({pd['seconds']:.1f} s, {_mb(pd['peak_mb'])} MB)", pd["seconds"] >= 6 * p["seconds"])
        )  # fmt: skip
        out.append(("3M CSV load peak < 2 GB", f"{_mb(p['peak_mb'])} MB", p["peak_mb"] < 2048))
    for label, entry in (("3M", three), ("10M", ten)):
        if "loads" in entry:
            utf8 = entry["loads"]["UTF-8 CSV"]["product"]["seconds"]
            gb = entry["loads"]["GB18030 CSV"]["product"]["seconds"]
            out.append(
                (f"{label} GB18030 ≤ 1.5× its UTF-8 twin", f"{gb / utf8:.2f}× ({gb:.2f} s)",
                 gb <= 1.5 * utf8)
            )  # fmt: skip
    if "xlsx" in results:
        x = results["xlsx"]
        ratio = x["product"]["seconds"] / x["floor"]["seconds"]
        out.append(
            (f"XLSX ({x['rows']:,} rows) ≤ 1.5× fastexcel", f"{ratio:.2f}× "
             f"({x['product']['seconds']:.2f} s / {x['floor']['seconds']:.2f} s)", ratio <= 1.5)
        )  # fmt: skip
    if "loads" in ten:
        for fmt in FORMATS:
            peak = ten["loads"][fmt]["product"]["peak_mb"]
            out.append((f"10M {fmt} load peak < 3 GB", f"{_mb(peak)} MB", peak < 3072))
    if "queries" in ten:
        q = ten["queries"]
        s = q["progress"]["seconds"]
        out.append(("10M `targets progress` ≤ 2 s (whole process)", f"{s:.2f} s", s <= 2))
        worst = max(q["queries"]["pages"].items(), key=lambda kv: kv[1]["p95"])
        marts = max(q["queries"]["marts"].items(), key=lambda kv: kv[1][2])
        out.append(
            ("10M every page's data step p95 ≤ 100 ms (uncached)",
             f"worst {worst[1]['p95']:.0f} ms ({worst[0]})", worst[1]["p95"] <= 100)
        )  # fmt: skip
        out.append(
            ("10M every mart query p95 ≤ 100 ms", f"worst {marts[1][2]:.0f} ms ({marts[0]})",
             marts[1][2] <= 100)
        )  # fmt: skip
        first = max(q["first"].items(), key=lambda kv: kv[1]["first_ms"])
        out.append(
            ("10M first query of a fresh process ≤ 500 ms",
             f"worst {first[1]['first_ms']:.0f} ms ({first[0]})", first[1]["first_ms"] <= 500)
        )  # fmt: skip
    return out


def _query_tables(results: dict[str, Any]) -> list[str]:
    sizes = [(int(k), v["queries"]) for k, v in results["sizes"].items() if "queries" in v]
    if not sizes:
        return []
    head = " | ".join(f"{n / 1e6:g}M ({q['records']:,} records)" for n, q in sizes)
    lines = [
        "",
        "Queries on the warehouse the product loaded from the UTF-8 CSV. Process rows: wall s "
        "(CPU s, peak MB, load average); query rows, ms: cold / warm p50 / warm p95.",
        "",
        f"| measured | {head} |",
        "|---|" + "---:|" * len(sizes),
    ]

    def proc(fig: dict[str, Any] | None) -> str:
        if fig is None:
            return "not measured"
        return f"{fig['seconds']:.2f} s ({fig['cpu']:.2f}, {_mb(fig['peak_mb'])} MB, {_load(fig)})"

    lines.append(
        "| `python -m targets progress --as-of 2025-06-15 --json` (every quota) | "
        + " | ".join(proc(q["progress"]) for _, q in sizes)
        + " |"
    )
    lines.append(
        "| `python -m briefing --as-of 2025-09-30` (all regions: .docx, .pptx, .xlsx) | "
        + " | ".join(proc(q.get("briefing")) for _, q in sizes)
        + " |"
    )
    for name in sizes[0][1]["queries"]["marts"]:
        cells = []
        for _, q in sizes:
            c, p50, p95 = q["queries"]["marts"][name]
            cells.append(f"{c:.0f} / {p50:.0f} / {p95:.0f}")
        lines.append(f"| mart: {name} | " + " | ".join(cells) + " |")
    for name in sizes[0][1]["queries"]["pages"]:
        cells = []
        for _, q in sizes:
            t = q["queries"]["pages"][name]
            cells.append(f"{t['cold']:.0f} / {t['p50']:.0f} / {t['p95']:.0f}")
        lines.append(f"| page: {name} (uncached) | " + " | ".join(cells) + " |")
    for name in sizes[0][1]["first"]:
        cells = []
        for _, q in sizes:
            f = q["first"][name]
            cells.append(
                f"{f['first_ms']:.0f} ms (imports {f['import_s']:.2f} s, {_mb(f['peak_mb'])} MB)"
            )
        lines.append(f"| first query of a fresh process: {name} | " + " | ".join(cells) + " |")
    if all("storage" in q for _, q in sizes):
        st = [q["storage"] for _, q in sizes]
        lines.append(
            "| warehouse file; `summary` rows | "
            + " | ".join(f"{_mb(x['warehouse_mb'])} MB; {x['summary_rows']:,}" for x in st)
            + " |"
        )
        lines.append(
            "| `python -m etl export --parquet DIR` (zstd): wall s (CPU s, peak MB, load); size | "
            + " | ".join(f"{proc(x['export'])}; {_mb(x['export_mb'])} MB" for x in st)
            + " |"
        )
    peaks = " | ".join(_mb(q["queries_process"]["peak_mb"]) + " MB" for _, q in sizes)
    lines.append(f"| peak of the process timing the marts and pages | {peaks} |")
    return lines


def section(results: dict[str, Any]) -> str:
    envs = results["envs"]
    env = envs[-1]
    runs = "; ".join(f"`{e['command']}` on {e['date']} at {e['git']}" for e in envs)
    lines = [
        HEADING,
        "",
        f"{runs}: {env['machine']}; "
        f"{env['versions']}. Median of {results['runs']} runs, each a fresh process (fresh "
        "database file for loads); CPU = user + system seconds of the process; peak = its max "
        "RSS (os.wait4); load = the 1-minute load average when each run started (the machine "
        "is shared). Ledgers from the demo generator, one layout for all five regions "
        "(bench/scale_data.py).",
    ]
    loads = [(int(k), v["loads"]) for k, v in results["sizes"].items() if "loads" in v]
    if loads or "xlsx" in results:
        lines += [
            "",
            "Loads: *floor* = DuckDB's bare read into a table (read_csv all_varchar / "
            "read_parquet, checkpointed; for XLSX, fastexcel's bare read of the sheet); "
            "*product* = `python -m etl load FILE --json` (full validation, dedupe, ledger, "
            "summary); *pandas* = bench/pandas_load.py (read as text, the same ID and date "
            "checks row by row with Series.apply, drop_duplicates, bulk insert into DuckDB; "
            "whole file up to 3M rows, 1M-row pieces above). † DuckDB reads no GB18030 without "
            "its encodings extension: ratios are to the UTF-8 twin's floor.",
            "",
            "| rows | format | case | wall s | CPU s | × floor (wall) | × floor (CPU) | peak MB "
            "| load avg |",
            "|---:|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for rows, by_fmt in loads:
            csv_floor = by_fmt["UTF-8 CSV"]["floor"]
            for fmt in FORMATS:
                cases = {k: v for k, v in by_fmt[fmt].items() if not k.startswith("_")}
                floor = cases.get("floor", csv_floor)
                lines += _load_rows(
                    f"{fmt} ({by_fmt[fmt]['_file']['mb']:,.0f} MB)", rows, cases, floor
                )
        if "xlsx" in results:
            x = results["xlsx"]
            cases = {k: x[k] for k in ("floor", "product", "pandas") if k in x}
            lines += _load_rows("XLSX", x["rows"], cases, x["floor"])
    lines += _query_tables(results)
    verdicts = goals(results)
    if verdicts:
        lines += ["", "| goal (issue #5) | measured | |", "|---|---|---|"]
        lines += [f"| {g} | {m} | {_verdict(ok)} |" for g, m, ok in verdicts]
    return "\n".join(lines) + "\n"


def write_report(results: dict[str, Any], path: Path = RESULTS) -> None:
    """Replace (or add) the "## scale" section, leaving every other section alone."""
    text = section(results)
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    start = old.find(HEADING + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        nxt = old.find("\n## ", start + len(HEADING))
        new = old[:start] + text + (old[nxt + 1 :] if nxt >= 0 else "")
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
