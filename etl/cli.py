"""`python -m etl load|demo|rejects|export` (CONTRACT §2; export: docs/SCALING.md)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from etl.exceptions import EtlError
from etl.load import BatchResult, load_files
from etl.progress import ProgressBar
from etl.rejects import export_rejects
from warehouse.exceptions import WarehouseError
from warehouse.store import resolve


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="load ledger files (CSV, XLSX, Parquet), one batch each")
    load.add_argument("files", nargs="+", type=Path, metavar="FILE")
    load.add_argument(
        "--db", help="warehouse path (default: $SKILLTRACK_DB or data/warehouse.duckdb)"
    )
    load.add_argument("--json", action="store_true", help="print the contract's JSON summary")
    demo = sub.add_parser("demo", help="build the synthetic warehouse for all five programmes")
    demo.add_argument("--db")
    demo.add_argument("--rows", type=int, default=None, help="total rows (default: demo size)")
    demo.add_argument("--seed", type=int, default=0)
    demo.add_argument("--json", action="store_true")
    demo.add_argument("--replace", action="store_true", help="rebuild an existing warehouse")
    rej = sub.add_parser("rejects", help="export quarantined rows with their reasons")
    rej.add_argument("--db")
    rej.add_argument("--batch", help="only this batch id")
    rej.add_argument("--out", required=True, type=Path, help="FILE.xlsx or FILE.csv")
    exp = sub.add_parser(
        "export", help="write the warehouse as a Parquet dataset (hive partitions: province, year)"
    )
    exp.add_argument("--db")
    exp.add_argument(
        "--parquet", required=True, type=Path, metavar="DIR", help="a new or empty directory"
    )
    exp.add_argument(
        "--key-file",
        type=Path,
        help="the lake key (default $SKILLTRACK_LAKE_KEY): adds person_key = sha256(key || ID)",
    )
    exp.add_argument("--json", action="store_true", help="print rows and files per table")
    return p


def _print_human(results: list[BatchResult]) -> None:
    for r in results:
        print(
            f"{r.file}: 共 {r.rows} 行 · 导入 {r.loaded} · 重复 {r.duplicates} · "
            f"拒绝 {r.rejected} · 跳过 {r.skipped}  (batch {r.batch_id})"
        )
        if r.duplicate_of:
            print(f"  同一文件已于批次 {r.duplicate_of} 导入过，本次未新增记录。")
        for code, n in r.reasons.items():
            print(f"  {code}: {n}")


def _load(args: argparse.Namespace) -> int:
    results: list[BatchResult] = []
    failed = False
    for f in args.files:
        bar = None if args.json else ProgressBar()
        try:
            results += load_files([f], args.db, progress=bar)
        except (EtlError, WarehouseError) as e:
            failed = True
            print(f"error: {e}", file=sys.stderr)
        finally:
            if bar:
                bar.close()
    if args.json:
        print(json.dumps({"files": [r.to_json() for r in results]}, ensure_ascii=False))
    else:
        _print_human(results)
    return 1 if failed else 0


def _demo(args: argparse.Namespace) -> int:
    from demo.build import build_demo  # the generator is only imported when asked for

    results = build_demo(
        resolve(args.db),
        rows=args.rows,
        seed=args.seed,
        today=date.today(),
        verbose=not args.json,
        replace=args.replace,
    )
    if args.json:
        print(json.dumps({"files": [r.to_json() for r in results]}, ensure_ascii=False))
    return 0


def _rejects(args: argparse.Namespace) -> int:
    n = export_rejects(resolve(args.db), args.out, args.batch)
    print(f"{n} 条被拒记录已导出到 {args.out}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from etl.export import export_parquet, lake_key, summary_json

    tables = export_parquet(resolve(args.db), args.parquet, lake_key(args.key_file))
    if args.json:
        print(json.dumps(summary_json(args.parquet, tables), ensure_ascii=False))
    else:
        for name, t in tables.items():
            print(f"{name}: {t.rows:,} 行 · {t.files} 个文件 · {t.partitions} 个分区")
        print(f"已导出到 {args.parquet}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "load":
            return _load(args)
        if args.command == "demo":
            return _demo(args)
        if args.command == "export":
            return _export(args)
        return _rejects(args)
    except (EtlError, WarehouseError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
