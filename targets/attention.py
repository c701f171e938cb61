"""The Overview's rows and its "needs attention" list: which programmes, institutions and towns a
leader should look at first. Pure functions over the engine's frames.

Rules, in one place:
* the Overview shows each plan's total and its direct sub-programmes (or the chosen programme
  and its direct sub-programmes); manual quotas are counted, not listed;
* a programme needs attention when it is behind or lagging 序时进度; a missed one (period over,
  target not reached) only when no plan in view is still running, because then nothing else can
  be done about it;
* an institution needs attention when it would lose eligibility next year on its records of the
  as-of year; a town when it is behind or lagging its allocation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import polars as pl

from catalogue.loader import Catalogue
from targets.plans import Plan
from targets.status import SEVERITY

ACTIONABLE = ("behind", "lagging")
LAST_PROJECTION = date(2100, 12, 31)
OVERVIEW_COLUMNS = (
    "plan",
    "programme_id",
    "parent_id",
    "level",
    "name",
    "name_en",
    "unit",
    "target",
    "actual",
    "completion",
    "time_progress",
    "status",
    "certificate_rate",
    "certificate_threshold",
    "employment_rate",
    "employment_threshold",
    "projected_completion",
    "needed_to_be_on_pace",
)


def enrich(progress: pl.DataFrame, catalogue: Catalogue, plans: Sequence[Plan]) -> pl.DataFrame:
    """The engine's progress frame with each quota's plan key and English name."""
    plan_of = {i: p.key for p in plans for i in p.quota_ids}
    extra = pl.DataFrame(
        [(q.id, plan_of.get(q.id), q.name_en) for q in catalogue.quotas],
        schema={"programme_id": pl.String, "plan": pl.String, "name_en": pl.String},
        orient="row",
    )
    # The engine extrapolates the last 90 days' pace however slow it is; a date past
    # LAST_PROJECTION says "not at this pace" and cannot be shown (Python dates end in 9999).
    late = pl.col("projected_completion") > pl.lit(LAST_PROJECTION)
    return progress.join(extra, on="programme_id", how="left").with_columns(
        pl.when(late)
        .then(None)
        .otherwise(pl.col("projected_completion"))
        .alias("projected_completion")
    )


def overview_rows(
    progress: pl.DataFrame, plans: Sequence[Plan], programme: str | None
) -> pl.DataFrame:
    """The rows of the Overview table, level 0 = the plan total (or the chosen programme)."""
    measured = progress.filter(pl.col("measure") != "manual")
    if programme is not None:
        head = measured.filter(pl.col("programme_id") == programme)
        kids = measured.filter(pl.col("parent_id") == programme)
        frame = pl.concat([head.with_columns(level=0), kids.with_columns(level=1)])
    else:
        parts = []
        for p in plans:
            head = measured.filter(pl.col("programme_id") == p.main)
            kids = measured.filter(pl.col("parent_id") == p.main)
            parts += [head.with_columns(level=0), kids.with_columns(level=1)]
        frame = pl.concat(parts) if parts else measured.clear().with_columns(level=0)
    return frame.with_columns(pl.col("level").cast(pl.Int64)).select(OVERVIEW_COLUMNS)


def manual_count(progress: pl.DataFrame, quota_ids: Sequence[str]) -> int:
    """How many manual quotas (bases, studios, classes) the scope holds: not measured by records."""
    scope = progress.filter(pl.col("programme_id").is_in(list(quota_ids)))
    return int((scope.get_column("measure") == "manual").sum())


def running(plans: Sequence[Plan], as_of: date) -> bool:
    """Whether any of the plans is still running at the as-of date."""
    return any(p.period_start <= as_of <= p.period_end for p in plans)


def programmes_needing_attention(
    progress: pl.DataFrame, quota_ids: Sequence[str], plans: Sequence[Plan], as_of: date
) -> pl.DataFrame:
    """Behind and lagging programmes (missed ones when nothing is running), worst first."""
    wanted = list(ACTIONABLE) if running(plans, as_of) else ["missed", *ACTIONABLE]
    frame = progress.filter(
        pl.col("programme_id").is_in(list(quota_ids)) & pl.col("status").is_in(wanted)
    )
    severity = pl.col("status").replace_strict(SEVERITY, return_dtype=pl.Int64)
    gap = pl.col("time_progress") - pl.col("completion")
    return frame.sort([severity, -gap, pl.col("programme_id")])


def failing_institutions(institutions: pl.DataFrame) -> pl.DataFrame:
    """Institutions that lose eligibility next year, furthest below the line first."""
    return institutions.filter(~pl.col("eligible_next_year")).sort(["margin", "institution"])


def near_institutions(institutions: pl.DataFrame) -> pl.DataFrame:
    """Institutions still eligible but within 5 points of a line, closest first."""
    return institutions.filter(pl.col("near")).sort(["margin", "institution"])


def lagging_places(places: pl.DataFrame) -> pl.DataFrame:
    """Places behind or lagging their allocation, in the engine's worst-first order."""
    if "status" not in places.columns:
        return places
    return places.filter(pl.col("status").is_in(list(ACTIONABLE)))
