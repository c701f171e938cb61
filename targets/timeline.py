"""Progress over time: per quota and year of its per-year split, per quota and month.

Same rules as targets/progress.py; a year is judged on its own: the year's target, the records
that ended in it, and time progress within it (the part of the year inside the period).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from catalogue.loader import Catalogue, load_catalogue
from catalogue.model import Quota
from catalogue.region_scope import RegionScope
from catalogue.scope import build_scope
from targets import marts
from targets.progress import COUNT_COLUMNS, measured, rates, select, with_counts
from targets.status import assess, time_progress_at


def yearly_progress(
    as_of: date,
    *,
    region: RegionScope,
    db: str | Path | None = None,
    programme: str | None = None,
    catalogue: Catalogue | None = None,
) -> pl.DataFrame:
    """One row per quota with a per-year split and per year of it.

    Columns: programme_id, name, measure, year, year_start, year_end (the year inside the
    period), target (the year's), trained, certified, employed, actual (in that year), completion,
    time_progress (within that year), status, certificate_rate, employment_rate,
    needed_to_be_on_pace, monthly_rate_needed, average (the split is 平均每年: no status, no
    needed figures for a year alone; the whole period is judged by progress()).
    """
    cat = catalogue or load_catalogue()
    quotas = [q for q in select(cat, programme) if q.yearly]
    with marts.warehouse(db) as con:
        counts = marts.quota_years(con, build_scope(cat, quotas), as_of, region)
    return yearly_progress_of(quotas, counts, as_of)


def yearly_progress_of(quotas: Sequence[Quota], counts: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """yearly_progress() from the quota_years mart's frame."""
    rows = [
        {
            "programme_id": q.id,
            "name": q.name,
            "measure": q.measure,
            "year": year,
            "year_start": max(date(year, 1, 1), q.period_start),
            "year_end": min(date(year, 12, 31), q.period_end),
            "target": n,
        }
        for q in quotas
        for year, n in q.yearly.items()
    ]
    schema = {
        "programme_id": pl.String,
        "name": pl.String,
        "measure": pl.String,
        "year": pl.Int32,
        "year_start": pl.Date,
        "year_end": pl.Date,
        "target": pl.Int64,
    }
    frame = with_counts(pl.DataFrame(rows, schema=schema), counts, on=("year",))
    frame = frame.with_columns(measured().alias("actual"), *rates())
    out = assess(frame, as_of, start="year_start", end="year_end")
    # 平均每年: the year's count beside the average, no verdict for a year alone
    average = [q.id for q in quotas if q.yearly_average]
    alone = pl.col("programme_id").is_in(average)
    out = out.with_columns(
        pl.col("programme_id").is_in(average).alias("average"),
        *[
            pl.when(alone).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("status", "needed_to_be_on_pace", "monthly_rate_needed")
        ],
    )
    return out.select(
        "programme_id",
        "name",
        "measure",
        "year",
        "year_start",
        "year_end",
        "target",
        *COUNT_COLUMNS,
        "actual",
        "completion",
        "time_progress",
        "status",
        "certificate_rate",
        "employment_rate",
        "needed_to_be_on_pace",
        "monthly_rate_needed",
        "average",
    )


def trajectory(
    as_of: date,
    *,
    region: RegionScope,
    db: str | Path | None = None,
    programme: str | None = None,
    catalogue: Catalogue | None = None,
) -> pl.DataFrame:
    """Per measured quota and month of its period: actual beside the straight-line target.

    Columns: programme_id, month (first day), date (the month's last day inside the period, or
    the as-of date in its month), actual (in the month, up to `date`), cumulative, target_trajectory
    (target × the period's elapsed share at `date`), time_progress. actual and cumulative are null
    for months after the as-of date; target_trajectory is null without a count target.
    """
    cat = catalogue or load_catalogue()
    quotas = [q for q in select(cat, programme) if q.measure != "manual"]
    with marts.warehouse(db) as con:
        counts = marts.quota_months(con, build_scope(cat, quotas), as_of, region)
    return trajectory_of(quotas, counts, as_of)


def trajectory_of(quotas: Sequence[Quota], counts: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """trajectory() from the quota_months mart's frame."""
    rows = []
    for q in quotas:
        month = q.period_start.replace(day=1)
        while month <= q.period_end:
            following = (month + timedelta(days=32)).replace(day=1)
            last = min(following - timedelta(days=1), q.period_end)
            point = as_of if month <= as_of < last else last
            rows.append((q.id, q.measure, q.target, q.period_start, q.period_end, month, point))
            month = following
    names = ["programme_id", "measure", "target", "period_start", "period_end", "month", "date"]
    schema = dict(zip(names, [pl.String, pl.String, pl.Int64, *[pl.Date] * 4], strict=True))
    frame = with_counts(pl.DataFrame(rows, schema=schema, orient="row"), counts, on=("month",))
    s, e = pl.col("period_start"), pl.col("period_end")
    share = time_progress_at(s, e, pl.col("date"))
    future = pl.col("month") > pl.lit(as_of)
    return frame.with_columns(
        pl.when(future).then(None).otherwise(measured()).alias("actual"),
    ).select(
        "programme_id",
        "month",
        "date",
        "actual",
        pl.when(future)
        .then(None)
        .otherwise(pl.col("actual").cum_sum().over("programme_id", order_by="month"))
        .alias("cumulative"),
        (pl.col("target") * share).alias("target_trajectory"),
        share.alias("time_progress"),
    )
