"""`python -m targets …`: list the catalogue, set a local target, show progress (CONTRACT §3).

Each subcommand is a registrar in COMMANDS that adds its parser and sets `run`; progress, towns
and institutions live in targets/cli_progress.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from catalogue.loader import Catalogue, load_catalogue
from catalogue.local import set_target
from catalogue.model import Quota
from targets.cli_progress import add_institutions, add_progress, add_towns
from targets.exceptions import TargetsError
from targets.render import cut, render_table

if TYPE_CHECKING:  # argparse keeps the type private, and generic only in typeshed
    from typing import TypeAlias

    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
Registrar = Callable[["Subparsers"], None]
NAME_WIDTH = 36  # display columns; longer names are cut with …

MEASURE_LABELS = {"trained": "培训", "certified": "取证", "employed": "就业", "manual": "手工"}


def source_text(q: Quota) -> str:
    """kaili-2024-2025.txt 附件1 二、(一): “…quote…”."""
    return f"{q.source.document} {q.source.clause}: “{q.source.quote}”"


def quota_json(q: Quota, catalogue: Catalogue) -> dict[str, Any]:
    """The contract's keys for `list --json`, then extra keys of our own."""
    return {
        "programme_id": q.id,
        "parent_id": q.parent_id,
        "name": q.name,
        "target": q.target,
        "unit": q.unit,
        "measure": q.measure,
        "period_start": q.period_start.isoformat(),
        "period_end": q.period_end.isoformat(),
        "certificate_threshold": q.effective_certificate_threshold,
        "employment_threshold": q.effective_employment_threshold,
        "source": source_text(q),
        "name_en": q.name_en,
        "aliases": list(q.aliases),
        "target_rate": q.target_rate,
        "yearly": {str(y): n for y, n in q.yearly.items()},
        "rollup": q.rollup,
        "measure_filter": {k: v for k, v in asdict(q.filter).items() if v} if q.filter else None,
        "region": asdict(q.region),
        "threshold_source": source_text_of(q),
        "note": q.note,
        "local": list(catalogue.local_fields.get(q.id, ())),
    }


def source_text_of(q: Quota) -> str | None:
    s = q.threshold_source
    return None if s is None else f"{s.document} {s.clause}: “{s.quote}”"


def _target_cell(q: Quota, catalogue: Catalogue) -> str:
    if q.target is not None:
        cell = f"{q.target:,}"
    elif q.target_rate is not None:
        cell = f"≥{q.target_rate:.0%}" if q.target_rate <= 1 else f"{q.target_rate:g}∶1"
    else:
        cell = "—"
    return cell + ("*" if "target" in catalogue.local_fields.get(q.id, ()) else "")


def table_rows(catalogue: Catalogue) -> list[list[str]]:
    """One row per quota for the readable listing; names indented by depth."""
    rows = [["编号 id", "名称", "目标", "单位", "口径", "期间", "取证率", "就业率"]]
    for q in catalogue.quotas:
        measure = MEASURE_LABELS[q.measure]
        if q.filter:
            measure += "(" + "/".join(v for v in asdict(q.filter).values() if v) + ")"
        rate = "{:.0%}".format
        rows.append(
            [
                q.id,
                cut("  " * catalogue.depth(q.id) + q.name, NAME_WIDTH),
                _target_cell(q, catalogue),
                q.unit,
                measure,
                f"{q.period_start:%Y-%m-%d}～{q.period_end:%Y-%m-%d}",
                "" if q.certificate_threshold is None else rate(q.certificate_threshold),
                "" if q.employment_threshold is None else rate(q.employment_threshold),
            ]
        )
    return rows


def _run_list(args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    if args.json:
        data = [quota_json(q, catalogue) for q in catalogue.quotas]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(render_table(table_rows(catalogue)))
    print(
        "\n目标 — : not set by the document.  * : set in catalogue/local.toml.  "
        "取证率/就业率 blank: default 80% / 30%."
    )
    return 0


def add_list(sub: Subparsers) -> None:
    p = sub.add_parser("list", help="every quota of the catalogue")
    p.add_argument("--json", action="store_true", help="print JSON (CONTRACT §3)")
    p.set_defaults(run=_run_list)


def _run_set(args: argparse.Namespace) -> int:
    change = set_target(args.programme_id, args.target, args.year)
    print(change.describe())
    return 0


def add_set(sub: Subparsers) -> None:
    p = sub.add_parser(
        "set",
        help="set a quota's target in catalogue/local.toml",
        description="Writes the target into catalogue/local.toml (or $SKILLTRACK_LOCAL_TARGETS). "
        "With --year, sets that year's share and the target becomes the sum of the years.",
    )
    p.add_argument("programme_id", metavar="PROGRAMME_ID")
    p.add_argument("--target", type=int, required=True, metavar="N")
    p.add_argument("--year", type=int, metavar="YYYY", help="one year of a per-year split")
    p.set_defaults(run=_run_set)


# Subcommands, in the order `--help` shows them.
COMMANDS: list[Registrar] = [add_list, add_set, add_progress, add_towns, add_institutions]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m targets", description="Quotas of the policy documents and progress."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in COMMANDS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; a TargetsError becomes a message on stderr and exit status 1."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except TargetsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `… | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
