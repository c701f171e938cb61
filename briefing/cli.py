"""`python -m briefing [--db PATH] --as-of DATE [--region R] [--programme ID] --out DIR`
(CONTRACT §4): the meeting's 通报 (.docx), slides (.pptx) and tables (.xlsx) into DIR.

Progress on stderr; the three paths on stdout, one per line; exit 0. Any error: its message on
stderr (what failed, what to do), exit 1, and no file of this run in DIR.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from briefing.exceptions import BriefingError
from briefing.render import make_briefing
from catalogue.region_scope import EVERYWHERE
from etl.exceptions import EtlError
from etl.messages import etl_message
from targets.exceptions import TargetsError
from targets.messages import targets_message
from warehouse.exceptions import WarehouseError


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期应写作 YYYY-MM-DD，例如 2025-06-30 / a date as YYYY-MM-DD, not {value!r}"
        ) from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m briefing",
        description="联席会议简报：通报（.docx）、幻灯片（.pptx）和统计表（.xlsx）。"
        " The joint meeting's briefing: report, slides and tables.",
    )
    p.add_argument("--db", help="warehouse path (default: $SKILLTRACK_DB or data/warehouse.duckdb)")
    p.add_argument("--as-of", required=True, type=_day, help="统计截至日期 YYYY-MM-DD")
    p.add_argument("--region", help="地区（计划）：kaili-2024-2025、kaili 或 凯里市；默认全部地区")
    p.add_argument("--programme", help="培训项目 id，如 kaili-2024/guizhou-technician")
    p.add_argument("--out", required=True, type=Path, help="输出目录（不存在时创建）")
    p.add_argument("--office", help="发文单位（默认由地区得出，如 凯里市人力资源和社会保障局）")
    p.add_argument(
        "--snapshots",
        type=Path,
        help="快照目录（默认 $SKILLTRACK_BRIEFINGS 或数据仓库旁的 briefings/）",
    )
    p.add_argument("--no-snapshot", action="store_true", help="不保存本次快照")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    return p


class Bar:
    """One redrawn line on stderr: a bar, the share and what is being done."""

    def __init__(self, stream: TextIO, width: int = 24) -> None:
        self.stream, self.width = stream, width

    def __call__(self, share: float, what: str) -> None:
        filled = int(share * self.width)
        bar = "█" * filled + "░" * (self.width - filled)
        if self.stream.isatty():  # redraw one line; a log gets one line per step
            self.stream.write(f"\r{bar} {share:4.0%} {what}".ljust(60))
            if share >= 1:
                self.stream.write("\n")
        else:
            self.stream.write(f"{share:4.0%} {what}\n")
        self.stream.flush()


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    bar = Bar(sys.stderr)

    def quiet(share: float, what: str) -> None:
        del share, what

    try:
        out = make_briefing(
            args.as_of,
            args.out,
            scope=EVERYWHERE,  # whoever runs the command line can read the warehouse file
            db=args.db,
            region=args.region,
            programme=args.programme,
            office=args.office,
            snapshots=args.snapshots,
            keep_snapshot=not args.no_snapshot,
            progress=quiet if args.quiet else bar,
        )
    except (BriefingError, TargetsError, EtlError, WarehouseError) as exc:
        if not args.quiet:
            sys.stderr.write("\n")
        if isinstance(exc, TargetsError):
            print(targets_message(exc), file=sys.stderr)
        elif isinstance(exc, EtlError | WarehouseError):
            print(etl_message(exc), file=sys.stderr)
        else:
            print(f"错误：{exc}", file=sys.stderr)
        return 1
    for path in out.files:
        print(path)
    if out.changes is not None:
        print(f"与上次（截至 {out.changes.previous_as_of}）比较的变化已写入。", file=sys.stderr)
    if out.snapshot is not None:
        print(f"快照：{out.snapshot}", file=sys.stderr)
    return 0
