"""The Programmes page's content for one quota: its headline, sub-quotas, trajectory, rates over
time, per-year split and breakdowns. Gathers the cached queries; the page lays them out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from catalogue.model import Quota
from dashboard import cached
from dashboard.source import WarehouseId
from dashboard.view import Context
from targets.plans import place_names
from targets.queries import Dimension
from ui.labels import with_labels

DIMENSIONS: tuple[Dimension, ...] = ("occupation", "category", "institution")


@dataclass
class ProgrammeData:
    quota: Quota
    head: dict[str, Any]
    subquotas: pl.DataFrame  # the quota and its measured descendants, labelled
    trajectory: pl.DataFrame
    rates: pl.DataFrame
    years: pl.DataFrame  # the quota's own years: year, target, actual, completion, status
    years_all: pl.DataFrame  # every year row of the quota and its sub-quotas with a split

    @property
    def labels(self) -> dict[str, str]:
        """Quota id → its row label (indented under the quota)."""
        return dict(self.subquotas.select("programme_id", "label").iter_rows())


def subquota_rows(progress: pl.DataFrame, ids: list[str], depth0: int) -> pl.DataFrame:
    """The measured quotas among ids, in catalogue order, with their level under the quota."""
    return progress.filter(
        pl.col("programme_id").is_in(ids) & (pl.col("measure") != "manual")
    ).with_columns((pl.col("depth") - depth0).alias("level"))


def years_from_trajectory(trajectory: pl.DataFrame) -> pl.DataFrame:
    """A quota without a per-year split: its actual per calendar year, no target."""
    return (
        trajectory.filter(pl.col("actual").is_not_null())
        .group_by(pl.col("month").dt.year().alias("year"))
        .agg(pl.col("actual").sum())
        .sort("year")
        .with_columns(
            pl.lit(None, dtype=pl.Int64).alias("target"),
            pl.lit(None, dtype=pl.Float64).alias("completion"),
            pl.lit(None, dtype=pl.String).alias("status"),
        )
    )


def build(wid: WarehouseId, ctx: Context, pid: str) -> ProgrammeData:
    cat, f = ctx.catalogue, ctx.filters
    q = cat.get(pid)
    progress = cached.progress(wid, ctx.ckey, ctx.region, f.as_of, ctx.reader)
    ids = [pid, *(d.id for d in cat.descendants(pid))]
    rows = subquota_rows(progress, ids, cat.depth(pid))
    rows = with_labels(
        rows, place_names(cached.all_plans(ctx.region, ctx.ckey), ctx.lang), ctx.lang
    )
    trajectory = cached.trajectory(wid, ctx.ckey, ctx.region, pid, f.as_of, ctx.reader)
    years_all = cached.years(wid, ctx.ckey, ctx.region, pid, f.as_of, ctx.reader)
    own = years_all.filter(pl.col("programme_id") == pid)
    years = own if own.height else years_from_trajectory(trajectory)
    return ProgrammeData(
        quota=q,
        head=rows.row(0, named=True),
        subquotas=rows,
        trajectory=trajectory,
        rates=cached.monthly_rates(wid, ctx.ckey, ctx.region, pid, f.as_of, ctx.reader),
        years=years,
        years_all=years_all,
    )


def breakdown(wid: WarehouseId, ctx: Context, pid: str, dimension: Dimension) -> pl.DataFrame:
    """The quota's records by one dimension: value, actual, rates."""
    return cached.breakdown(
        wid, ctx.ckey, ctx.region, pid, ctx.filters.as_of, dimension, ctx.reader
    )
