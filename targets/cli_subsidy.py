"""`python -m targets flags | subsidies` (CONTRACT §5): the subsidy audit from the command line.

JSON: the contract's keys first, then extra keys of our own. Without --json: Chinese tables.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from catalogue.region_scope import EVERYWHERE  # whoever runs the command line can read the file
from catalogue.rules import FLAG_LABELS, FLAGS
from targets.cli_progress import add_db, dump, iso_date, num, records, year
from targets.render import cut, render_table

if TYPE_CHECKING:
    from targets.cli import Subparsers

FLAG_KEYS = (
    "programme_id",
    "name",
    "id_masked",
    "start_date",
    "end_date",
    "institution",
    "occupation",
    "level",
    "flags",
)
FLAG_EXTRA = ("phone_masked", "ineligible")
SUBSIDY_KEYS = (
    "institution",
    "programme_id",
    "records",
    "eligible",
    "amount",
    "payable",
    "withheld",
)
CONDITION_LABELS = {
    "on_completion": "结业后支付",
    "employment": "待就业",
    "certificate": "待取证",
    "project_employment": "待项目就业率达标",
    "employment_grant": "就业服务补助待就业",
}


def _scope(args: argparse.Namespace) -> tuple[Any, list[str]]:
    from catalogue.loader import load_catalogue
    from targets.subsidy import scope_of

    cat = load_catalogue()
    if args.programme is not None:
        cat.get(args.programme)  # UnknownQuota lists the ids
    return cat, scope_of(cat, args.programme)


def _run_flags(args: argparse.Namespace) -> int:
    from targets import marts
    from targets.subsidy import flagged

    cat, ids = _scope(args)
    with marts.warehouse(args.db) as con:
        rows = flagged(con, cat, ids, EVERYWHERE, year=args.year).to_dicts()
    if args.json:
        dump(records(rows, FLAG_KEYS + FLAG_EXTRA))
        return 0
    table = [["项目", "姓名", "身份证号", "开班", "结业", "培训机构", "工种", "等级", "问题"]]
    for r in rows:
        table.append(
            [
                r["programme_id"],
                r["name"],
                r["id_masked"],
                str(r["start_date"]),
                str(r["end_date"]),
                cut(r["institution"] or "—", 24),
                cut(r["occupation"] or "—", 16),
                r["level"] or "—",
                "、".join(FLAG_LABELS[f][0] for f in r["flags"]),
            ]
        )
    when = f"{args.year} 年结业的" if args.year else ""
    print(f"补贴审核：{when}有问题的培训 {len(rows):,} 人次\n")
    if rows:
        print(render_table(table, numeric=()))
    counts = {f: sum(f in r["flags"] for r in rows) for f in FLAGS}
    print("\n" + "；".join(f"{FLAG_LABELS[f][0]} {n:,}" for f, n in counts.items()))
    return 0


def add_flags(sub: Subparsers) -> None:
    p = sub.add_parser("flags", help="flagged trainings (subsidy audit)")
    p.add_argument("--year", type=year, metavar="YYYY", help="trainings that ended in this year")
    p.add_argument("--programme", metavar="ID", help="this quota and its descendants only")
    add_db(p)
    p.set_defaults(run=_run_flags)


def _run_subsidies(args: argparse.Namespace) -> int:
    import polars as pl

    from targets import marts
    from targets.subsidy import money, subsidies

    cat, ids = _scope(args)
    with marts.warehouse(args.db) as con:
        rows = subsidies(con, cat, args.as_of, ids, EVERYWHERE).to_dicts()
        why = money(con, cat, args.as_of, ids, EVERYWHERE)
    if args.json:
        dump(records(rows, SUBSIDY_KEYS))
        return 0
    table = [["培训机构", "项目", "人次", "符合条件", "应补贴(元)", "可支付(元)", "暂缓(元)"]]
    for r in rows:
        table.append(
            [
                cut(r["institution"] or "（未填写机构）", 28),
                r["programme_id"],
                num(r["records"]),
                num(r["eligible"]),
                f"{r['amount']:,.2f}",
                f"{r['payable']:,.2f}",
                f"{r['withheld']:,.2f}",
            ]
        )
    print(f"补贴审核：截至 {args.as_of} 已结业培训的补贴（元）\n")
    print(render_table(table, numeric={2, 3, 4, 5, 6}))
    held = (
        why.lazy()
        .filter(pl.col("withheld") > 0)
        .group_by("condition")
        .agg(pl.col("withheld", "waiting").sum())
        .collect()
    )
    for r in held.sort("condition").to_dicts():
        label = CONDITION_LABELS.get(r["condition"], r["condition"])
        print(f"暂缓：{label} {r['withheld']:,.2f} 元（{r['waiting']:,} 人次）")
    print("应补贴 = 可支付 + 暂缓。文件未规定补贴标准的项目金额为 0（只审核问题）。")
    return 0


def add_subsidies(sub: Subparsers) -> None:
    p = sub.add_parser("subsidies", help="subsidy due, payable and withheld per institution")
    p.add_argument("--as-of", type=iso_date, required=True, metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("--programme", metavar="ID", help="this quota and its descendants only")
    add_db(p)
    p.set_defaults(run=_run_subsidies)
