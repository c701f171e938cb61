"""Progress of one quota by place (city, county or town), against the towns' allocations.

A town's target comes from the quota's allocation (catalogue/allocations/*.csv) where one is
given: towns allocated but without records show actual 0, towns with records but not allocated
show target null. Without an allocation every target, completion and status is null and the
towns are ranked by their rates. Worst first: places with a target by how far they are behind
time progress (time_progress − completion, largest first), then places without one by
certificate rate, then employment rate (lowest first; nothing counted last), then by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal, get_args

import polars as pl

from catalogue.allocations import load_allocations
from catalogue.loader import Catalogue, load_catalogue
from catalogue.model import Quota
from catalogue.region_scope import RegionScope
from catalogue.scope import build_scope
from targets import marts
from targets.exceptions import NotMeasurable
from targets.progress import COUNT_COLUMNS, measured, parts_by, rates
from targets.status import assess

Level = Literal["city", "county", "town"]
LEVELS: tuple[Level, ...] = get_args(Level)


def region_progress(
    programme: str,
    as_of: date,
    *,
    region: RegionScope,
    level: Level = "town",
    db: str | Path | None = None,
    catalogue: Catalogue | None = None,
    allocations: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per place of `level` where the quota counted records (inside `region`) or has
    an allocation.

    Columns: the place columns down to `level` (city, county, town), allocated, target, actual,
    completion, time_progress, status, certificate_rate, employment_rate, trained, certified,
    employed, needed_to_be_on_pace, monthly_rate_needed; worst first.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    cat = catalogue or load_catalogue()
    q = cat.get(programme)
    if q.measure == "manual":
        raise NotMeasurable(q.id, "is a manual quota: no training record measures it by place")
    alloc = allocations if allocations is not None else load_allocations(catalogue=cat)
    with marts.warehouse(db) as con:
        counts = marts.region_counts(con, build_scope(cat, [q]), as_of, region)
    return region_progress_of(q, counts, as_of, level, alloc)


def region_progress_of(
    q: Quota, counts: pl.DataFrame, as_of: date, level: Level, allocations: pl.DataFrame
) -> pl.DataFrame:
    """region_progress() from the region_counts mart's frame."""
    return region_progress_many([q], counts, as_of, level, allocations)[0]


def region_progress_many(
    quotas: Sequence[Quota],
    counts: pl.DataFrame,
    as_of: date,
    level: Level,
    allocations: pl.DataFrame,
) -> list[pl.DataFrame]:
    """region_progress_of() of several quotas in one pass over their rows (the Overview ranks
    every plan's towns in each run: one frame per quota, in the quotas' order)."""
    keys = list(LEVELS[: LEVELS.index(level) + 1])
    ids = [q.id for q in quotas]
    own = (
        allocations.filter(pl.col("programme_id").is_in(ids))
        .select(pl.col("programme_id").alias("quota_id"), "town", "target")
        .with_columns(pl.lit(True).alias("allocated"))
        if level == "town"
        else pl.DataFrame()
    )
    allocated = set(own.get_column("quota_id").to_list()) if not own.is_empty() else set()
    # each quota's own columns; an allocated quota's places take its city and county where the
    # records (or the allocation) leave them empty
    facts = pl.DataFrame(
        [
            (
                q.id,
                q.measure,
                q.period_start,
                q.period_end,
                q.id in allocated,
                q.region.city,
                q.region.county,
            )
            for q in quotas
        ],
        schema={
            "quota_id": pl.String,
            "measure": pl.String,
            "period_start": pl.Date,
            "period_end": pl.Date,
            "_alloc": pl.Boolean,
            "_city": pl.String,
            "_county": pl.String,
        },
        orient="row",
    )
    places = (
        counts.filter(pl.col("quota_id").is_in(ids))
        .group_by(["quota_id", *keys])
        .agg(pl.col(c).sum() for c in COUNT_COLUMNS)
    )
    if own.is_empty():
        places = places.with_columns(
            pl.lit(None, dtype=pl.Int64).alias("target"), pl.lit(False).alias("allocated")
        )
    else:
        places = places.join(own, on=["quota_id", "town"], how="full", coalesce=True)
    facts = facts.unique("quota_id", keep="first")  # a quota named twice: its rows once
    frame = places.join(facts, on="quota_id", how="left").with_columns(
        *(pl.col(c).fill_null(0) for c in COUNT_COLUMNS),
        pl.col("allocated").fill_null(False),
    )
    if not own.is_empty():
        frame = frame.with_columns(
            pl.when("_alloc").then(pl.col(c).fill_null(pl.col(f"_{c}"))).otherwise(pl.col(c))
            for c in ("city", "county")
        )
    frame = frame.with_columns(measured().alias("actual"), *rates())
    out = assess(frame, as_of)
    gap = pl.col("time_progress") - pl.col("completion")
    ranked = out.sort(
        [
            pl.col("status").is_null(),
            pl.when(pl.col("status").is_not_null()).then(-gap),
            pl.col("certificate_rate"),
            pl.col("employment_rate"),
            *[pl.col(k) for k in keys],
        ],
        nulls_last=True,
    ).select(
        "quota_id",
        *keys,
        "allocated",
        "target",
        "actual",
        "completion",
        "time_progress",
        "status",
        "certificate_rate",
        "employment_rate",
        *COUNT_COLUMNS,
        "needed_to_be_on_pace",
        "monthly_rate_needed",
    )
    return parts_by(ranked, "quota_id", ids)


def town_progress(
    programme: str,
    as_of: date,
    *,
    region: RegionScope,
    db: str | Path | None = None,
    catalogue: Catalogue | None = None,
    allocations: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """region_progress() at town level (`python -m targets towns`)."""
    return region_progress(
        programme,
        as_of,
        region=region,
        level="town",
        db=db,
        catalogue=catalogue,
        allocations=allocations,
    )
