"""The Towns page's content: places of one quota at a level, worst first, optionally inside one
place of the level above (a county's towns, a city's counties), and their months."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from catalogue.model import Quota
from dashboard import cached
from dashboard.source import WarehouseId
from dashboard.view import Context
from targets.plans import PlaceLevel, place_levels


@dataclass
class PlacesData:
    quota: Quota
    level: PlaceLevel
    parent_level: PlaceLevel | None
    ranking: pl.DataFrame  # targets.places.region_progress(), worst first
    months: pl.DataFrame  # place × month counts, same places
    order: list[str | None]  # the places, worst first: the heatmap's rows

    @property
    def allocated(self) -> bool:
        """Whether any place has a target (an allocation, 任务分解) to be judged against."""
        return self.ranking.get_column("target").drop_nulls().len() > 0


def levels_with_data(wid: WarehouseId, ctx: Context, pid: str) -> list[PlaceLevel]:
    """The levels below the quota's region where the records name places (coarsest first)."""
    q, as_of = ctx.catalogue.get(pid), ctx.filters.as_of
    rows = cached.place_month_rows(wid, ctx.ckey, ctx.region, pid, as_of, ctx.reader)

    def shown(level: PlaceLevel) -> bool:
        if rows.get_column(level).drop_nulls().len():
            return True
        # no record names a place of the level; towns may still be ranked on their allocations
        frame = cached.places(wid, ctx.ckey, ctx.region, pid, as_of, level, ctx.reader)
        return bool(frame.get_column(level).drop_nulls().len())

    return [level for level in place_levels(q) if shown(level)]


def parent_of(level: PlaceLevel, levels: list[PlaceLevel]) -> PlaceLevel | None:
    """The level above `level` among the levels shown, or None for the coarsest."""
    i = levels.index(level)
    return levels[i - 1] if i > 0 else None


def parents(wid: WarehouseId, ctx: Context, pid: str, parent_level: PlaceLevel) -> list[str]:
    """The places of the level above, worst first: what the drill-down offers."""
    frame = cached.places(
        wid, ctx.ckey, ctx.region, pid, ctx.filters.as_of, parent_level, ctx.reader
    )
    return [p for p in frame.get_column(parent_level).to_list() if p is not None]


def build(
    wid: WarehouseId,
    ctx: Context,
    pid: str,
    level: PlaceLevel,
    parent_level: PlaceLevel | None,
    parent: str | None,
) -> PlacesData:
    f = ctx.filters
    ranking = cached.places(wid, ctx.ckey, ctx.region, pid, f.as_of, level, ctx.reader)
    months = cached.place_months(wid, ctx.ckey, ctx.region, pid, f.as_of, level, ctx.reader)
    if parent_level is not None and parent is not None:
        ranking = ranking.filter(pl.col(parent_level) == parent)
        months = months.filter(pl.col(parent_level) == parent)
    order = ranking.get_column(level).to_list()
    return PlacesData(ctx.catalogue.get(pid), level, parent_level, ranking, months, order)


def lagging_count(ranking: pl.DataFrame) -> int:
    """Places below 序时进度 on their allocation: behind or lagging, or missed once the period
    is over (the 通报's count is the same: briefing.figures.Places.short)."""
    return int(ranking.get_column("status").is_in(["missed", "behind", "lagging"]).sum())
