"""Plans (one per policy document) and the programmes a filter can pick, from the catalogue.

A plan is the set of quotas of one catalogue file: the region filter picks a plan, the programme
filter a measured quota inside it. `Filters` is what every page receives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, get_args

from catalogue.loader import Catalogue
from catalogue.model import Quota

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
PlaceLevel = Literal["city", "county", "town"]
PLACE_LEVELS: tuple[PlaceLevel, ...] = get_args(PlaceLevel)
# The place levels below a region of each level: a county's towns, a city's counties, ...
LEVELS_BELOW: dict[str, tuple[PlaceLevel, ...]] = {
    "county": ("town",),
    "city": ("county", "town"),
    "province": ("city", "county", "town"),
}


@dataclass(frozen=True)
class Plan:
    """The quotas of one policy document (one catalogue file)."""

    key: str  # the catalogue file's stem, e.g. kaili-2024-2025
    place: str  # the region's own name: 凯里市, 运城市, 浙江省
    quota_ids: tuple[str, ...]
    main: str  # the first measured top-level quota: the plan's total
    period_start: date
    period_end: date

    def label(self, lang: Lang) -> str:
        years = f"{self.period_start.year}–{self.period_end.year}"
        if lang == "en":
            return f"{self.key.split('-')[0].capitalize()} {years}"
        return f"{self.place}（{years}）"


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices, as every page receives them."""

    as_of: date
    plan: str | None  # a Plan.key; None: every plan
    programme: str | None  # a quota id; None: every programme of the plan(s)
    lang: Lang


def plans(catalogue: Catalogue) -> list[Plan]:
    """Every plan with a measured quota, in catalogue order."""
    by_file: dict[str, list[Quota]] = {}
    for q in catalogue.quotas:
        by_file.setdefault(q.catalogue_file, []).append(q)
    out = []
    for file, quotas in by_file.items():
        roots = [q for q in quotas if q.parent_id is None and q.measure != "manual"]
        if not roots:
            continue
        main = roots[0]
        region = main.region
        out.append(
            Plan(
                key=Path(file).stem,
                place=region.county or region.city or region.province,
                quota_ids=tuple(q.id for q in quotas),
                main=main.id,
                period_start=min(q.period_start for q in quotas),
                period_end=max(q.period_end for q in quotas),
            )
        )
    return out


def plan_of(all_plans: Sequence[Plan], quota_id: str) -> Plan | None:
    """The plan a quota belongs to."""
    return next((p for p in all_plans if quota_id in p.quota_ids), None)


def chosen_plans(all_plans: Sequence[Plan], plan: str | None) -> list[Plan]:
    """The plans a filter selects: one, or all of them."""
    return [p for p in all_plans if plan is None or p.key == plan]


def quota_label(q: Quota, lang: Lang) -> str:
    return q.name_en if lang == "en" and q.name_en else q.name


def programme_options(catalogue: Catalogue, selected: Sequence[Plan]) -> list[str]:
    """The measured quotas of the plans, in catalogue order: what the programme filter offers."""
    ids = {i for p in selected for i in p.quota_ids}
    return [q.id for q in catalogue.quotas if q.id in ids and q.measure != "manual"]


def in_scope(catalogue: Catalogue, filters: Filters, all_plans: Sequence[Plan]) -> list[str]:
    """Quota ids the filters cover: the programme and its descendants, or the plans' quotas."""
    if filters.programme is not None and filters.programme in catalogue:
        return [filters.programme, *(d.id for d in catalogue.descendants(filters.programme))]
    return [i for p in chosen_plans(all_plans, filters.plan) for i in p.quota_ids]


def focus(catalogue: Catalogue, filters: Filters, all_plans: Sequence[Plan]) -> str | None:
    """The one quota a single-programme page shows: the chosen programme, else the plan's total
    (with every plan in view, the first one still running at the as-of date)."""
    if filters.programme is not None and filters.programme in catalogue:
        return filters.programme
    selected = chosen_plans(all_plans, filters.plan)
    running = [p for p in selected if p.period_start <= filters.as_of <= p.period_end]
    return (running or selected)[0].main if selected else None


def place_levels(q: Quota) -> tuple[PlaceLevel, ...]:
    """The place levels below the quota's region, coarsest first."""
    return LEVELS_BELOW.get(q.region.level, ("town",))


def place_names(all_plans: Sequence[Plan], lang: Lang) -> dict[str, str]:
    """Plan key → the place as a label prefix: 凯里市 / Kaili."""
    return {p.key: p.key.split("-")[0].capitalize() if lang == "en" else p.place for p in all_plans}
