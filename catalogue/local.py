"""catalogue/local.toml: this deployment's overrides of the catalogue, written by `targets set`.

The file holds only `[quota."<id>"]` tables. For a catalogue quota, the keys given replace the
catalogue's (`target = 12000` for Linshu's city-assigned quota); for an unknown id, the table is
a whole new quota with the catalogue's schema. The file is git-ignored: it is the deployment's.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from catalogue.exceptions import CatalogueError, InconsistentTarget, InvalidField, InvalidPeriod
from catalogue.loader import Catalogue, load_catalogue, local_targets_path, read_local
from catalogue.model import Quota

HEADER = """\
# Local targets: this deployment's overrides of and additions to catalogue/documents/*.toml.
# Written by `python -m targets set`; hand edits are welcome but comments are not kept.
#   [quota."linshu-2019"]
#   target = 12000          # replaces the catalogue's value (here: not set)
# A table whose id is not in the catalogue adds a quota; give it every key a catalogue quota
# has (name, name_en, unit, measure, period, region, document, clause, quote, …).
"""


@dataclass(frozen=True)
class Step:
    """One quota's target before and after."""

    quota_id: str
    before: int | None
    after: int | None
    yearly_before: dict[int, int]
    yearly_after: dict[int, int]

    def describe(self) -> str:
        def show(n: int | None) -> str:
            return "(not set)" if n is None else f"{n:,}"

        text = f"{self.quota_id}: target {show(self.before)} → {show(self.after)}"
        if self.yearly_after != self.yearly_before:
            split = ", ".join(f"{y}: {n:,}" for y, n in self.yearly_after.items())
            text += f" (per year: {split})"
        return text


@dataclass(frozen=True)
class Change:
    """What `set` changed: the quota, then any "sum" parents that follow it."""

    path: Path
    steps: tuple[Step, ...]

    def describe(self) -> str:
        first, *parents = (step.describe() for step in self.steps)
        lines = [first, *(f"{line}  (the sum of its parts)" for line in parents)]
        return "\n".join([*lines, f"written to {self.path}"])


Figures = tuple[int, dict[int, int]]  # target, per-year split


def set_target(
    quota_id: str, target: int, year: int | None = None, local_path: Path | None = None
) -> Change:
    """Record a target (or one year's share of it) in local.toml, after validating the result.

    A parent with rollup "sum" is the sum of its children: it follows their new figures.
    """
    path = local_targets_path(local_path)
    catalogue = load_catalogue(local_path=path)
    quota = catalogue.get(quota_id)
    if target < 0:
        raise InvalidField(path, quota_id, "target", f"{target} is negative")
    kids = catalogue.children(quota_id)
    if quota.rollup == "sum" and kids:
        raise InconsistentTarget(
            path,
            quota_id,
            "target",
            "its rollup is 'sum': the target is the sum of its children's "
            f"({', '.join(k.id for k in kids)}); set theirs and it follows",
        )
    updates: dict[str, Figures] = {quota_id: _figures(path, quota, target, year)}
    child = quota
    while child.parent_id and (parent := catalogue.get(child.parent_id)).rollup == "sum":
        summed = _sum_of_children(catalogue, parent, updates)
        if summed is None:
            break
        updates[parent.id] = summed
        child = parent

    tables = read_local(path)
    for qid, (new_target, new_yearly) in updates.items():
        entry = tables.setdefault(qid, {})
        if new_yearly:
            entry["yearly"] = {str(y): n for y, n in new_yearly.items()}
        entry["target"] = new_target
    _write_validated(path, tables)
    after = load_catalogue(local_path=path)
    steps = []
    for qid in updates:
        old, new = catalogue.get(qid), after.get(qid)
        steps.append(Step(qid, old.target, new.target, old.yearly, new.yearly))
    return Change(path, tuple(steps))


def _figures(path: Path, quota: Quota, target: int, year: int | None) -> Figures:
    """The quota's new target and split: the whole target, or one year of the split."""
    yearly = dict(quota.yearly)
    if year is None:
        if yearly:
            split = ", ".join(f"{y}: {n}" for y, n in yearly.items())
            raise InconsistentTarget(
                path,
                quota.id,
                "yearly",
                f"has a per-year split ({split}) that must add up to the target; set one "
                "year's figure with --year YYYY instead",
            )
        return target, {}
    if not yearly and quota.target is not None:
        raise InconsistentTarget(
            path,
            quota.id,
            "yearly",
            f"has a whole-period target ({quota.target}) and no per-year split; set the "
            "target without --year",
        )
    if not quota.period_start.year <= year <= quota.period_end.year:
        raise InvalidPeriod(
            path,
            quota.id,
            "yearly",
            f"{year} is outside the period {quota.period_start} – {quota.period_end}",
        )
    yearly[year] = target
    return sum(yearly.values()), dict(sorted(yearly.items()))


def _sum_of_children(
    catalogue: Catalogue, parent: Quota, updates: dict[str, Figures]
) -> Figures | None:
    """A "sum" parent's figures from its children's (None when some child has no target)."""
    figures = [updates.get(k.id, (k.target, k.yearly)) for k in catalogue.children(parent.id)]
    targets = [t for t, _ in figures if t is not None]
    if len(targets) < len(figures) or (parent.yearly and not all(y for _, y in figures)):
        return None
    yearly: dict[int, int] = {}
    if parent.yearly:
        for _, split in figures:
            for y, n in split.items():
                yearly[y] = yearly.get(y, 0) + n
    return sum(targets), dict(sorted(yearly.items()))


def _write_validated(path: Path, tables: dict[str, dict[str, Any]]) -> None:
    """Write via a temporary file that must load cleanly; the old file stays if it does not."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps(tables), encoding="utf-8")
    try:
        load_catalogue(local_path=tmp)
    except CatalogueError as exc:
        tmp.unlink(missing_ok=True)
        if exc.file == str(tmp):  # name the file the user knows
            raise type(exc)(path, exc.quota_id, exc.field, exc.message) from None
        raise
    os.replace(tmp, path)


def dumps(tables: dict[str, dict[str, Any]]) -> str:
    """local.toml's text: the header, then one [quota."<id>"] table per quota."""
    out = [HEADER]
    for qid, table in tables.items():
        out.append(f"[quota.{_key(qid)}]")
        out.extend(f"{_key(k)} = {_value(v)}" for k, v in table.items())
        out.append("")
    return "\n".join(out)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _value(v: Any) -> str:
    """A TOML value: JSON's string escapes are valid TOML basic-string escapes."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {v!r} to TOML")
