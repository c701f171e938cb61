"""The Institutions page's content: which records judge an institution, against which
thresholds, and the judged frame for a year.

With a programme chosen, institutions are measured on their records of that programme (and its
sub-programmes) against the programme's thresholds (贵州技工: 90% / 80%). Otherwise on all their
records of the year against the plan's thresholds (the reference lines 80% / 30%), as
targets.institutions does. Losing next year's eligibility is said only where a document's rule
judges the year (Yuncheng's; targets/rules.py): elsewhere an institution is below the lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dashboard import cached
from dashboard.source import WarehouseId
from dashboard.view import Context
from targets.plans import quota_label


@dataclass(frozen=True)
class InstitutionScope:
    quota_ids: tuple[str, ...]
    thresholds: tuple[float, float]  # certificate, employment
    whole: bool  # judge on all the institution's records of the year
    name: str  # what the thresholds belong to, for the caption
    quota_id: str | None = None  # the plan or programme: its document's rule may apply


def scope(ctx: Context) -> InstitutionScope:
    cat, f = ctx.catalogue, ctx.filters
    pid = f.programme or ctx.focus
    if pid is None:
        return InstitutionScope((), (0.8, 0.3), True, "")
    q = cat.get(pid)
    whole = f.programme is None
    return InstitutionScope(
        tuple(ctx.scope),
        (q.effective_certificate_threshold, q.effective_employment_threshold),
        whole,
        quota_label(q, ctx.lang),
        pid,
    )


def rule_source(ctx: Context, s: InstitutionScope, year: int) -> str | None:
    """The clause that takes eligibility away in `year` for this plan or programme, if any."""
    if s.quota_id is None:
        return None
    rule = ctx.catalogue.institution_rule(s.quota_id, year)
    return rule.source if rule else None


def years(wid: WarehouseId, ctx: Context, s: InstitutionScope) -> list[int]:
    """Years with institution records in scope, newest first."""
    frame = cached.institution_years(wid, ctx.region, ctx.filters.as_of, ctx.reader)
    ids = list(s.quota_ids)
    years = frame.filter(pl.col("programme_id").is_in(ids)).get_column("year").unique()
    return sorted(years.to_list(), reverse=True)


def judged(wid: WarehouseId, ctx: Context, s: InstitutionScope, year: int) -> pl.DataFrame:
    return cached.institutions(
        wid,
        ctx.ckey,
        ctx.region,
        year,
        ctx.filters.as_of,
        s.quota_ids,
        s.thresholds,
        s.whole,
        rule_source(ctx, s, year),
        ctx.reader,
    )
