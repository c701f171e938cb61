"""Row labels for tables and chart axes: unique, indented under their parent, in the language."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from ui.fmt import rate_target
from ui.i18n import Lang

INDENT = "　└ "


def unique(labels: list[str]) -> list[str]:
    """Make repeated labels distinct (a chart axis merges equal ones) without changing the text."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        n = seen.get(label, 0)
        seen[label] = n + 1
        out.append(label + "\u200b" * n)
    return out


def with_labels(rows: pl.DataFrame, places: Mapping[str, str], lang: Lang) -> pl.DataFrame:
    """Add `label`: a level-0 row reads "凯里市 · 职业技能培训", a level-1 row "　└ 黔菜师傅".

    rows: plan, level, name, name_en (and target_rate: a share target is said beside the
    name). places: plan key → place name.
    """
    names = rows.get_column("name_en" if lang == "en" else "name").to_list()
    fallback = rows.get_column("name").to_list()
    plan_keys = rows.get_column("plan").to_list()
    levels = rows.get_column("level").to_list()
    rates = (
        rows.get_column("target_rate").to_list()
        if "target_rate" in rows.columns
        else [None] * rows.height
    )
    labels = []
    for name, zh, plan, level, rate in zip(names, fallback, plan_keys, levels, rates, strict=True):
        text = (name or zh) + rate_target(rate, lang)
        if level == 0:
            place = places.get(plan or "", "")
            labels.append(f"{place} · {text}" if place else text)
        else:
            labels.append(INDENT + text)
    return rows.with_columns(pl.Series("label", unique(labels), dtype=pl.String))
