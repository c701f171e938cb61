"""The 通报's short subsidy section (补贴审核): amounts by institution, and the flags found since
the last meeting. Figures from targets.subsidy, as the 补贴审核 page computes them for the
region's quotas, every year, at the as-of date."""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from briefing.subsidy_figures import FlagCount, SubsidyFigures, SubsidyRow
from briefing.tables import TextTable
from briefing.text import day, shown
from catalogue.loader import Catalogue
from catalogue.region_scope import RegionScope
from catalogue.rules import AMOUNT_KINDS, FLAG_LABELS, FLAGS, rules_for
from targets import subsidy
from targets.exceptions import WarehouseUnavailable
from ui import fmt

MOST = 8  # institutions listed in the table, most money first


def gather_subsidy(
    con: duckdb.DuckDBPyConnection,
    cat: Catalogue,
    as_of: date,
    ids: list[str],
    region: RegionScope,
) -> SubsidyFigures | None:
    """The section's figures of the records inside the user's region; None on a warehouse
    whose loads kept no audit yet."""
    try:
        counts = subsidy.flag_counts(con, cat, as_of, ids, region)
        money = subsidy.money(con, cat, as_of, ids, region)
    except WarehouseUnavailable:
        return None
    by_inst = money.group_by("institution").agg(pl.col("payable", "withheld").sum())
    frame = (
        counts.join(by_inst, on="institution", how="left", nulls_equal=True)
        .with_columns(pl.col("payable", "withheld").fill_null(0.0))
        .with_columns((pl.col("payable") + pl.col("withheld")).alias("amount"))
        .sort(["amount", "flagged"], descending=True)
    )
    rows = tuple(
        SubsidyRow(
            r["institution"],
            r["records"],
            r["flagged"],
            r["ineligible"],
            r["amount"],
            r["payable"],
            r["withheld"],
        )
        for r in frame.to_dicts()
    )
    flags = tuple(
        FlagCount(c, int(frame.get_column(c).sum()), int(frame.get_column(f"{c}_excluded").sum()))
        for c in FLAGS
    )
    total = {k: frame.get_column(k).sum() for k in ("records", "flagged", "ineligible")}
    money_total = {k: float(frame.get_column(k).sum()) for k in ("amount", "payable", "withheld")}
    priced = any(kind in AMOUNT_KINDS for pid in ids for kind in rules_for(pid, cat.rules))
    return SubsidyFigures(
        priced=priced,
        records=int(total["records"]),
        flagged=int(total["flagged"]),
        ineligible=int(total["ineligible"]),
        flags=flags,
        rows=rows,
        **money_total,
    )


def yuan(x: float) -> str:
    return f"{x:,.0f}元"


def sentences(s: SubsidyFigures, before: SubsidyFigures | None, previous: date | None) -> list[str]:
    """What the section says: the money, the flags, and what is new since the last meeting."""
    if not s.priced:  # Zhejiang's and Linshu's documents set no amounts: say so, not "0元"
        out = [
            f"按各文件补贴规则审核，已结业培训{fmt.num(s.records)}人次；"
            "文件未规定补贴标准，不计补贴金额。"
        ]
    else:
        out = [
            f"按各文件补贴规则审核，已结业培训{fmt.num(s.records)}人次，应补贴{yuan(s.amount)}，"
            f"其中可支付{yuan(s.payable)}、暂缓支付{yuan(s.withheld)}（待就业、待项目就业率达标等）。"
        ]
    found = [f"{FLAG_LABELS[f.flag][0]}{fmt.num(f.flagged)}人次" for f in s.flags if f.flagged]
    if found:
        out.append(
            f"发现问题培训{fmt.num(s.flagged)}人次（{'、'.join(found)}），"
            f"其中{fmt.num(s.ineligible)}人次按规定不予补贴，仍计入培训人次。"
        )
    else:
        out.append("未发现问题培训。")
    if before is not None and previous is not None:
        then = {f.flag: f.flagged for f in before.flags}
        new = [(f, f.flagged - then.get(f.flag, 0)) for f in s.flags]
        new = [(f, n) for f, n in new if n > 0]
        if new:
            listed = "、".join(f"{FLAG_LABELS[f.flag][0]}{fmt.num(n)}人次" for f, n in new)
            out.append(f"自上次会议（截至{day(previous)}）以来新发现{listed}。")
        else:
            out.append(f"自上次会议（截至{day(previous)}）以来未新发现问题培训。")
    return out


def subsidy_table(s: SubsidyFigures) -> TextTable:
    """培训机构 · 培训人次 · 问题 · 不予补贴 · 应补贴 · 可支付 · 暂缓 (元)."""
    rows = tuple(
        (
            shown(r.institution),
            fmt.num(r.records),
            fmt.num(r.flagged),
            fmt.num(r.ineligible),
            f"{r.amount:,.0f}",
            f"{r.payable:,.0f}",
            f"{r.withheld:,.0f}",
        )
        for r in s.rows[:MOST]
    )
    header = ("培训机构", "培训人次", "问题", "不予补贴", "应补贴", "可支付", "暂缓")
    return TextTable(header, rows, tuple((None,) * len(header) for _ in rows))
