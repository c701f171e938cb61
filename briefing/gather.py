"""Gathers a briefing's figures once, into one `Briefing`, from the progress engine.

One short-lived read-only connection (targets.marts.warehouse) answers every question; the
figures come from the engine's public halves exactly as the dashboard's pages compute theirs
(targets.queries, targets.attention, targets.plans: pure functions, no Streamlit), so that
every figure of the briefing equals the page's for the same filters and as-of date:

* the overview rows are the head (the region's total, or the chosen programme) and its measured
  parts, as on 总览; a section per part with its measured sub-quotas and trajectory, as on 项目进度;
* places are targets.places.region_progress() at the coarsest level below the region that the
  records fill in (a county's towns), as on 镇街; a section's own places only where its programme
  is allocated to towns;
* institutions are judged as on 培训机构: on their records of the as-of year up to the as-of date
  (of the latest earlier year with records when that year has none), all of them against the
  region's thresholds, or those of the chosen programme against its thresholds;
* freshness per region as on 数据.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from briefing.exceptions import UnknownProgramme, UnknownRegion
from briefing.figures import (
    Briefing,
    Freshness,
    Institution,
    Institutions,
    Month,
    Place,
    Places,
    PlanFigures,
    Row,
    Section,
)
from briefing.subsidy_section import gather_subsidy
from catalogue.allocations import for_programme
from catalogue.loader import Catalogue, load_catalogue
from catalogue.model import Quota
from catalogue.region_scope import RegionScope
from catalogue.regions import same_place
from catalogue.scope import build_scope
from targets import marts, queries
from targets.attention import enrich
from targets.institutions import judge_institutions
from targets.places import region_progress_of
from targets.plans import Plan, place_levels, plan_of, plans
from targets.regional import allocations_of, within
from targets.timeline import trajectory_of
from ui import fmt

ROW_FIELDS = [f for f in Row.__dataclass_fields__ if f != "level"]
PLACE_FIELDS = [f for f in Place.__dataclass_fields__ if f != "name"]


def find_plan(all_plans: Sequence[Plan], region: str) -> Plan:
    """The plan a --region names: its key (kaili-2024-2025), its first word (kaili), its main
    quota's id (kaili-2024) or its place (凯里市, 凯里)."""
    wanted = region.strip()
    for p in all_plans:
        if wanted.lower() in (p.key, p.key.split("-")[0], p.main) or same_place(wanted, p.place):
            return p
    raise UnknownRegion(region, [p.key for p in all_plans])


def choose(
    catalogue: Catalogue, all_plans: Sequence[Plan], region: str | None, programme: str | None
) -> list[Plan]:
    """The plans a briefing covers; checks that the programme is measured and in the region."""
    plan = find_plan(all_plans, region) if region else None
    if programme is not None:
        if programme not in catalogue:
            raise UnknownProgramme(programme, "目录中没有这个项目 / not in the catalogue")
        if catalogue.get(programme).measure == "manual":
            raise UnknownProgramme(programme, "是手工统计指标，培训记录无法计量 / a manual quota")
        owner = plan_of(all_plans, programme)
        if owner is None or (plan is not None and owner.key != plan.key):
            valid = plan.quota_ids if plan else ()
            raise UnknownProgramme(programme, "不属于所选地区 / not of the chosen region", valid)
        plan = owner
    return [plan] if plan else list(all_plans)


def default_office(catalogue: Catalogue, chosen: Sequence[Plan]) -> str:
    """凯里市人力资源和社会保障局; a province's 厅; for every region, the meeting's office."""
    if len(chosen) != 1:
        return "职业技能培训工作联席会议办公室"
    region = catalogue.get(chosen[0].main).region
    if region.level == "province":
        return f"{region.province}人力资源和社会保障厅"
    return f"{chosen[0].place}人力资源和社会保障局"


def gather(
    as_of: date,
    *,
    scope: RegionScope,
    db: str | Path | None = None,
    region: str | None = None,
    programme: str | None = None,
    office: str | None = None,
    catalogue: Catalogue | None = None,
    now: datetime | None = None,
) -> Briefing:
    """The briefing's figures for the region (a plan) and programme at the as-of date, of the
    records inside `scope` (the user's region; targets.regional.within narrows the quotas)."""
    cat = within(catalogue or load_catalogue(), scope)
    every = plans(cat)
    chosen = choose(cat, every, region, programme)
    heads = {p.key: cat.get(programme or p.main) for p in chosen}
    parts = {k: _measured(cat.children(q.id)) or [q] for k, q in heads.items()}
    month_quotas = _unique([q for k in heads for q in parts[k]])
    place_quotas = _unique([*heads.values(), *month_quotas])
    allocations = allocations_of(cat)
    with marts.warehouse(db) as con, marts.Session(con) as staged:  # marts staged once
        progress = enrich(queries.all_progress(staged, as_of, cat, scope), cat, every)
        month_scope = build_scope(cat, month_quotas)
        months = trajectory_of(
            month_quotas, marts.quota_months(staged, month_scope, as_of, scope), as_of
        )
        counts = marts.region_counts(staged, build_scope(cat, place_quotas), as_of, scope)
        fresh = queries.freshness(con, every, scope)
        years = queries.institution_years(con, scope, as_of)
        judged = {}
        audited = {}
        for p in chosen:
            ids = _scope_ids(cat, p, programme)
            year = _year(years, ids, as_of)
            per_programme = queries.institution_programmes(con, year, cat, scope, as_of)
            rule = cat.institution_rule(heads[p.key].id, year)  # only where a document says so
            source = rule.source if rule else None
            judged[p.key] = _institutions(
                per_programme, ids, heads[p.key], year, programme is None, source
            )
            audited[p.key] = gather_subsidy(con, cat, as_of, ids, scope)  # the subsidy section's
    figures = []
    for p in chosen:
        head = heads[p.key]
        rows = _rows(progress, [head, *_measured(cat.children(head.id))], cat.depth(head.id))
        sections = []
        for q in parts[p.key]:
            own = _rows(progress, [q, *_measured(cat.descendants(q.id))], cat.depth(q.id))
            places = _places(q, counts, as_of, allocations, own=True)
            sections.append(Section(own[0], tuple(own), _months(months, q.id), places))
        figures.append(
            PlanFigures(
                key=p.key,
                place=p.place,
                level=head.region.level,
                period_start=p.period_start,
                period_end=p.period_end,
                head=rows[0],
                rows=tuple(rows),
                sections=tuple(sections),
                places=_places(head, counts, as_of, allocations, own=False),
                institutions=judged[p.key],
                freshness=_freshness(fresh, p.key),
                manual=sum(1 for i in _scope_ids(cat, p, programme) if _manual(cat, i)),
                subsidy=audited[p.key],
            )
        )
    return Briefing(
        as_of=as_of,
        region=chosen[0].key if region or programme else None,
        programme=programme,
        office=office or default_office(cat, chosen),
        generated_at=now or datetime.now().replace(microsecond=0),
        plans=tuple(figures),
    )


def _measured(quotas: Sequence[Quota]) -> list[Quota]:
    return [q for q in quotas if q.measure != "manual"]


def _manual(cat: Catalogue, quota_id: str) -> bool:
    return cat.get(quota_id).measure == "manual"


def _unique(quotas: Sequence[Quota]) -> list[Quota]:
    return list({q.id: q for q in quotas}.values())


def _scope_ids(cat: Catalogue, plan: Plan, programme: str | None) -> list[str]:
    """The quota ids the filters cover (targets.plans.in_scope)."""
    if programme is not None:
        return [programme, *(d.id for d in cat.descendants(programme))]
    return list(plan.quota_ids)


def _rows(progress: pl.DataFrame, quotas: Sequence[Quota], depth0: int) -> list[Row]:
    """The quotas' progress rows, in the given order, with their level below depth0."""
    by_id = {r["programme_id"]: r for r in progress.iter_rows(named=True)}
    rows = []
    for q in quotas:
        fields = {f: by_id[q.id][f] for f in ROW_FIELDS}
        fields["name"] += fmt.rate_target(q.target_rate)  # its target column holds counts
        rows.append(Row(level=q.id.count("/") - depth0, **fields))
    return rows


def _months(trajectory: pl.DataFrame, quota_id: str) -> tuple[Month, ...]:
    frame = trajectory.filter(pl.col("programme_id") == quota_id).sort("month")
    return tuple(
        Month(r["month"], r["date"], r["cumulative"], r["target_trajectory"])
        for r in frame.iter_rows(named=True)
    )


def _places(
    q: Quota, counts: pl.DataFrame, as_of: date, allocations: pl.DataFrame, *, own: bool
) -> Places | None:
    """The quota's places at the coarsest level the records fill in; with `own`, only where the
    quota itself is allocated to towns (a section's towns)."""
    allocated = not for_programme(allocations, q.id).is_empty()
    if own and not allocated:
        return None
    for level in place_levels(q):
        frame = region_progress_of(q, counts, as_of, level, allocations)
        if frame.get_column(level).drop_nulls().len() == 0:
            continue
        rows = tuple(
            Place(name=r[level], **{f: r[f] for f in PLACE_FIELDS})
            for r in frame.iter_rows(named=True)
        )
        return Places(
            programme_id=q.id,
            name=q.name,
            level=level,
            allocated=bool(frame.get_column("allocated").any()),
            certificate_threshold=q.effective_certificate_threshold,
            employment_threshold=q.effective_employment_threshold,
            rows=rows,
        )
    return None


def _year(years: pl.DataFrame, ids: Sequence[str], as_of: date) -> int:
    """The as-of year, or the latest earlier year with institution records in scope."""
    mine = years.filter(pl.col("programme_id").is_in(list(ids)) & (pl.col("year") <= as_of.year))
    found = mine.get_column("year").max()
    return int(found) if isinstance(found, int) else as_of.year


def _institutions(
    per_programme: pl.DataFrame,
    ids: Sequence[str],
    q: Quota,
    year: int,
    whole: bool,
    rule_source: str | None,
) -> Institutions:
    thresholds = (q.effective_certificate_threshold, q.effective_employment_threshold)
    frame = judge_institutions(per_programme, ids, thresholds, whole=whole, rule_source=rule_source)
    rows = tuple(
        Institution(
            name=r["institution"],
            trained=r["trained"],
            certified=r["certified"],
            employed=r["employed"],
            certificate_rate=r["certificate_rate"],
            employment_rate=r["employment_rate"],
            eligible=r["eligible_next_year"],
            margin=r["margin"],
            near=r["near"],
            below=r["below"],
        )
        for r in frame.iter_rows(named=True)
    )
    return Institutions(year, *thresholds, whole=whole, rows=rows)


def _freshness(fresh: pl.DataFrame, key: str) -> Freshness:
    found: list[dict[str, Any]] = fresh.filter(pl.col("plan") == key).to_dicts()
    if not found:
        return Freshness(None, 0, 0, None, None)
    r = found[0]
    return Freshness(
        r["latest_record"], r["records"] or 0, r["batches"] or 0, r["latest_load"], r["latest_file"]
    )
