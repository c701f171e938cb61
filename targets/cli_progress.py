"""`python -m targets progress | towns | institutions` (CONTRACT §3).

JSON: the contract's keys first, then extra keys of our own; floats rounded to 6 decimals, dates
as YYYY-MM-DD. Without --json: Chinese tables. The engine (Polars, DuckDB) is imported when a
command runs, so that `list` and `set` stay quick.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from catalogue.region_scope import EVERYWHERE  # whoever runs the command line can read the file
from targets.render import cut, render_table
from targets.status import STATUS_WORDS

if TYPE_CHECKING:
    from targets.cli import Subparsers

NAME_WIDTH = 30
STATUS_LABELS = {status: words[0] for status, words in STATUS_WORDS.items()}  # as the dashboard
PROGRESS_KEYS = (
    "programme_id",
    "name",
    "target",
    "actual",
    "completion",
    "time_progress",
    "status",
    "certificate_rate",
    "employment_rate",
    "certificate_threshold",
    "employment_threshold",
)
PROGRESS_EXTRA = (
    "parent_id",
    "measure",
    "unit",
    "target_rate",
    "share",
    "period_start",
    "period_end",
    "trained",
    "certified",
    "employed",
    "needed_to_be_on_pace",
    "monthly_rate_needed",
    "projected_completion",
    "pending",
)
TOWN_KEYS = (
    "town",
    "target",
    "actual",
    "completion",
    "time_progress",
    "status",
    "certificate_rate",
    "employment_rate",
)
TOWN_EXTRA = ("county", "allocated", "trained", "certified", "employed", "needed_to_be_on_pace")
INSTITUTION_KEYS = (
    "institution",
    "year",
    "trained",
    "certificate_rate",
    "employment_rate",
    "eligible_next_year",
    "rule_source",
)
INSTITUTION_EXTRA = (
    "certified",
    "employed",
    "certificate_threshold",
    "employment_threshold",
    "below_reference",
)


def iso_date(text: str) -> date:
    """argparse type: YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"「{text}」不是日期，请写成 YYYY-MM-DD，如 2025-06-30 / "
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30"
        ) from None


def year(text: str) -> int:
    """argparse type: a four-digit year."""
    if not (text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100):
        raise argparse.ArgumentTypeError(
            f"「{text}」不是年份，请写成四位数字，如 2024 / "
            f"{text!r} is not a year; write it as YYYY, e.g. 2024"
        )
    return int(text)


def _json_value(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, date):
        return value.isoformat()
    return value


def records(rows: list[dict[str, Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    """The rows with these keys, in this order, as JSON-ready values."""
    return [{k: _json_value(row[k]) for k in keys} for row in rows]


def dump(rows: list[dict[str, Any]]) -> None:
    print(json.dumps(rows, ensure_ascii=False, indent=2))


def pct(value: float | None, threshold: float | None = None) -> str:
    """85.0%, with ↓ when below the threshold; — when there is nothing."""
    if value is None:
        return "—"
    below = threshold is not None and value < threshold
    return f"{value:.1%}" + ("↓" if below else "")


def num(value: int | float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def status_cell(row: dict[str, Any]) -> str:
    if row.get("measure") == "manual":
        return "手工填报"
    if row["status"] is None:
        return "无目标"
    return STATUS_LABELS[row["status"]]


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", help="warehouse (default: $SKILLTRACK_DB, else "
                   "data/warehouse.duckdb)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print JSON (CONTRACT §3)")


def _run_progress(args: argparse.Namespace) -> int:
    from catalogue.loader import load_catalogue
    from targets.progress import progress

    cat = load_catalogue()
    rows = progress(
        args.as_of, region=EVERYWHERE, db=args.db, programme=args.programme, catalogue=cat
    ).to_dicts()
    if args.json:
        dump(records(rows, PROGRESS_KEYS + PROGRESS_EXTRA))
        return 0
    table = [["编号 id", "名称", "目标", "完成", "完成率", "序时进度", "状态", "取证率", "就业率",
              "差额", "月均需完成", "预计完成"]]  # fmt: skip
    top = min((cat.depth(r["programme_id"]) for r in rows), default=0)
    for r in rows:
        unit = "" if r["measure"] == "manual" and r["target"] is None else f" {r['unit']}"
        target = num(r["target"]) + unit if r["target_rate"] is None else f"≥{r['target_rate']:.0%}"
        actual = num(r["actual"]) + (unit if r["actual"] is not None else "")
        if r["pending"]:
            actual += f"（另{r['pending']}待稳岗）"
        table.append(
            [
                r["programme_id"],
                cut("  " * (cat.depth(r["programme_id"]) - top) + r["name"], NAME_WIDTH),
                target,
                actual,
                pct(r["completion"]),
                pct(r["time_progress"]),
                status_cell(r),
                pct(r["certificate_rate"], r["certificate_threshold"]),
                pct(r["employment_rate"], r["employment_threshold"]),
                num(r["needed_to_be_on_pace"]),
                num(r["monthly_rate_needed"]),
                str(r["projected_completion"] or "—"),
            ]
        )
    print(f"目标进度 截至 {args.as_of}（序时进度按日历日计算，含当日）\n")
    print(render_table(table, numeric={2, 3, 4, 5, 7, 8, 9, 10}))
    print(
        "\n单位: 人次按记录计数；人、名按身份证号去重计数（每年目标按年去重，全期为各年之和）。"
        "差额: 达到序时进度还差的人数。月均需完成: 按期完成每月还需的人数。预计完成: 按近 90 天"
        "速度推算。↓: 低于该项目的取证率/就业率标准。比例目标（≥10%）的完成率 = 占比 ÷ 目标比例。"
        "待稳岗: 已输送就业、未满稳岗期限的人数（满期后计入）。"
    )
    return 0


def add_progress(sub: Subparsers) -> None:
    p = sub.add_parser("progress", help="progress of every quota at a date")
    p.add_argument("--as-of", type=iso_date, required=True, metavar="DATE", help="YYYY-MM-DD")
    p.add_argument("--programme", metavar="ID", help="this quota and its descendants only")
    add_db(p)
    p.set_defaults(run=_run_progress)


def _run_towns(args: argparse.Namespace) -> int:
    from catalogue.loader import load_catalogue
    from targets.places import town_progress

    cat = load_catalogue()
    q = cat.get(args.programme)
    frame = town_progress(args.programme, args.as_of, region=EVERYWHERE, db=args.db, catalogue=cat)
    rows = frame.to_dicts()
    if args.json:
        dump(records(rows, TOWN_KEYS + TOWN_EXTRA))
        return 0
    # Above county level a town's name is unique only with its county: show both.
    wide = q.region.level != "county"
    place = "县（市、区） 镇（街道）" if wide else "镇（街道）"
    table = [[place, f"分解目标（{q.unit}）", f"完成（{q.unit}）", "完成率", "序时进度", "状态",
              "取证率", "就业率", "差额"]]  # fmt: skip
    ct, et = q.effective_certificate_threshold, q.effective_employment_threshold
    for r in rows:
        town = r["town"] or "（未填写）"
        table.append(
            [
                f"{r['county'] or '（未填写）'} {town}" if wide else town,
                num(r["target"]),
                num(r["actual"]),
                pct(r["completion"]),
                pct(r["time_progress"]),
                STATUS_LABELS.get(r["status"], "—"),
                pct(r["certificate_rate"], ct),
                pct(r["employment_rate"], et),
                num(r["needed_to_be_on_pace"]),
            ]
        )
    allocated = any(r["allocated"] for r in rows)
    print(f"{q.name}（{q.id}）分镇（街道）进度 截至 {args.as_of}，由差到好排列\n")
    print(render_table(table, numeric={1, 2, 3, 4, 6, 7, 8}))
    if not allocated:
        print("\n此项目没有分解到镇（街道）的目标，按取证率、就业率由低到高排列。")
    return 0


def add_towns(sub: Subparsers) -> None:
    p = sub.add_parser("towns", help="one quota's progress by town, worst first")
    p.add_argument("--programme", required=True, metavar="ID")
    p.add_argument("--as-of", type=iso_date, required=True, metavar="DATE", help="YYYY-MM-DD")
    add_db(p)
    p.set_defaults(run=_run_towns)


def _run_institutions(args: argparse.Namespace) -> int:
    from targets.institutions import institution_progress

    rows = institution_progress(args.year, region=EVERYWHERE, db=args.db).to_dicts()
    if args.json:
        dump(records(rows, INSTITUTION_KEYS + INSTITUTION_EXTRA))
        return 0
    table = [["培训机构", "培训人次", "取证率", "就业率", "下一年度资格"]]
    for r in rows:
        table.append(
            [
                r["institution"],
                num(r["trained"]),
                pct(r["certificate_rate"], r["certificate_threshold"]),
                pct(r["employment_rate"], r["employment_threshold"]),
                verdict(r),
            ]
        )
    sources = sorted({r["rule_source"] for r in rows if r["rule_source"]})
    print(
        f"{args.year} 年培训机构取证率、就业率（结业日期在当年的全部记录，单位：人次）。"
        "80%、30% 为参考线；取消资格只适用于文件有此规定的地区：\n"
        + ("\n".join(f"  {s}" for s in sources) or "  （本年度没有适用的规定）")
        + "\n"
    )
    print(render_table(table, numeric={1, 2, 3}))
    return 0


def verdict(row: dict[str, Any]) -> str:
    """保留 / 取消 where a document's rule applies; else where the rates stand to the lines."""
    if row["eligible_next_year"] is not None:
        return "保留" if row["eligible_next_year"] else "取消"
    return "低于参考线 80%/30%" if row["below_reference"] else "—"


def add_institutions(sub: Subparsers) -> None:
    p = sub.add_parser("institutions", help="institutions' rates in a year, and eligibility")
    p.add_argument("--year", type=year, required=True, metavar="YYYY")
    add_db(p)
    p.set_defaults(run=_run_institutions)
