"""Progress of one quota by place (city, county or town), against the towns' allocations.

A town's target comes from the quota's allocation (catalogue/allocations/*.csv) where one is
given: towns allocated but without records show actual 0, towns with records but not allocated
show target null. Without an allocation every target, completion and status is null and the
towns are ranked by their rates. Worst first: places with a target by how far they are behind
time progress (time_progress − completion, largest first), then places without one by
certificate rate, then employment rate (lowest first; nothing counted last), then by name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal, get_args

import polars as pl

from catalogue.allocations import for_programme, load_allocations
from catalogue.loader import Catalogue, load_catalogue
from catalogue.model import Quota
from catalogue.region_scope import RegionScope
from catalogue.scope import build_scope
from targets import marts
from targets.exceptions import NotMeasurable
from targets.progress import COUNT_COLUMNS, measured, rates
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
    keys = list(LEVELS[: LEVELS.index(level) + 1])
    places = (
        counts.filter(pl.col("quota_id") == q.id)
        .group_by(keys)
        .agg(pl.col(c).sum() for c in COUNT_COLUMNS)
    )
    own = for_programme(allocations, q.id) if level == "town" else pl.DataFrame()
    if own.is_empty():
        places = places.with_columns(
            pl.lit(None, dtype=pl.Int64).alias("target"), pl.lit(False).alias("allocated")
        )
    else:
        places = places.join(
            own.with_columns(pl.lit(True).alias("allocated")), on="town", how="full", coalesce=True
        ).with_columns(
            *(pl.col(c).fill_null(0) for c in COUNT_COLUMNS),
            pl.col("allocated").fill_null(False),
            pl.col("city").fill_null(pl.lit(q.region.city)),
            pl.col("county").fill_null(pl.lit(q.region.county)),
        )
    frame = places.with_columns(
        pl.lit(q.measure).alias("measure"),
        pl.lit(q.period_start).alias("period_start"),
        pl.lit(q.period_end).alias("period_end"),
    ).with_columns(measured().alias("actual"), *rates())
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
    )
    return ranked.select(
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
