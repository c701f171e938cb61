"""The catalogue as a user with a region sees it: the quotas of the plans that cover any of it,
with the targets that belong to it.

A quota whose region lies inside the user's (or is it) keeps its target. A quota of a wider
region (a county's quota, seen by a town's user) has no target of the user's own: the town's
allocation (任务分解) stands in where one is given, else the target is left empty, so that the
town's records are never judged against the whole county's figure. Quotas of other regions are
left out, so no page, chart, link or briefing names them.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from catalogue.allocations import load_allocations
from catalogue.loader import Catalogue
from catalogue.model import Quota
from catalogue.region_scope import RegionScope


def region_of(q: Quota) -> RegionScope:
    r = q.region
    return RegionScope(r.province, r.city, r.county)


class RegionalCatalogue(Catalogue):
    """A catalogue narrowed to a region (`within`), knowing the whole one it came from."""

    def __init__(self, quotas: list[Quota], whole: Catalogue, region: RegionScope) -> None:
        kept = {q.id for q in quotas}
        super().__init__(quotas, {k: v for k, v in whole.local_fields.items() if k in kept})
        self.whole = whole
        self.region = region


def within(catalogue: Catalogue, region: RegionScope) -> Catalogue:
    """The quotas the region may see, each with the target that belongs to the region."""
    if region.everything:
        return catalogue
    allocations = allocations_within(catalogue, region)
    quotas = []
    for q in catalogue.quotas:
        own = region_of(q)
        if not own.overlaps(region):
            continue
        if region.contains(own):
            quotas.append(q)
            continue
        mine = allocations.filter(pl.col("programme_id") == q.id)
        target = int(mine.get_column("target").sum()) if region.town and mine.height else None
        quotas.append(replace(q, target=target, yearly={}))
    return RegionalCatalogue(quotas, catalogue, region)


def allocations_of(catalogue: Catalogue) -> pl.DataFrame:
    """The town allocations a catalogue's pages judge places against (those of its region)."""
    if isinstance(catalogue, RegionalCatalogue):
        return allocations_within(catalogue.whole, catalogue.region)
    return load_allocations(catalogue=catalogue)


def allocations_within(catalogue: Catalogue, region: RegionScope) -> pl.DataFrame:
    """The town allocations (catalogue.allocations) of the region's quotas, and of its own town
    only when the region is a town."""
    frame = load_allocations(catalogue=catalogue)
    if region.everything:
        return frame
    ids = [q.id for q in catalogue.quotas if region_of(q).overlaps(region)]
    frame = frame.filter(pl.col("programme_id").is_in(ids))
    if region.town is not None:
        frame = frame.filter(pl.col("town") == region.town)
    return frame
