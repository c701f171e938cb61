"""The pages' entry to the data: targets.queries behind st.cache_data.

Every function takes the warehouse file's identity (`source.WarehouseId`) and the catalogue's
(`source.catalogue_key()`) as its first two arguments: part of the cache key and nothing else,
so a load that swaps the file in, or an edited target, gives new results on the next rerun
without a restart, while an unchanged warehouse answers from memory. The last argument, the
run's `source.Reader`, is left out of the key (its name starts with "_"): its connection is
opened only when a result is not cached yet. The third, the signed-in user's region
(catalogue.region_scope.RegionScope), is passed on to every query and is part of the key: users
of two regions never share a result.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import polars as pl
import streamlit as st

from catalogue.loader import Catalogue, load_catalogue
from catalogue.region_scope import RegionScope
from dashboard.source import CatalogueKey, Health, Reader, WarehouseId, catalogue_key, health
from etl.rejects import rejects_frame
from targets import queries
from targets.attention import enrich
from targets.institutions import judge_institutions
from targets.plans import PlaceLevel, Plan, plans
from targets.regional import within

_ENTRIES = 64
_data = st.cache_data(show_spinner=False, max_entries=_ENTRIES)


def catalogue(region: RegionScope, ckey: CatalogueKey | None = None) -> Catalogue:
    """The catalogue as the region sees it (targets.regional.within), kept per catalogue key
    (the files' identity: `ckey` if the caller has it) and region: reading and hashing the
    files again on each of a page's calls cost it milliseconds. The key is each file's path,
    modification time and size, as for every cached result: an edit that keeps both (a copy
    with `cp -p` of a same-sized file) shows after a restart."""
    return _within(ckey or catalogue_key(), region)


@lru_cache(maxsize=16)
def _within(ckey: CatalogueKey, region: RegionScope) -> Catalogue:
    return within(load_catalogue(), region)


def all_plans(region: RegionScope, ckey: CatalogueKey | None = None) -> list[Plan]:
    """The region's plans (targets.plans.plans), kept like catalogue(). A copy of the list:
    the caller may change it."""
    return list(_plans(ckey or catalogue_key(), region))


@lru_cache(maxsize=16)
def _plans(ckey: CatalogueKey, region: RegionScope) -> tuple[Plan, ...]:
    return tuple(plans(_within(ckey, region)))


@st.cache_data(show_spinner=False, max_entries=8)
def warehouse_health(wid: WarehouseId) -> Health:
    from pathlib import Path

    return health(Path(wid.path))


@_data
def month_counts(
    wid: WarehouseId, ckey: CatalogueKey, region: RegionScope, as_of: date, _r: Reader
) -> pl.DataFrame:
    """Every quota's counts per month up to as_of (queries.month_counts): one mart run for the
    progress, months and years of every quota at this as-of date, shared by the pages."""
    return queries.month_counts(_r.marts, as_of, catalogue(region, ckey), region)


@_data
def progress(
    wid: WarehouseId, ckey: CatalogueKey, region: RegionScope, as_of: date, _r: Reader
) -> pl.DataFrame:
    """Every quota's progress at as_of, with its plan and English name."""
    cat = catalogue(region, ckey)
    by_month = month_counts(wid, ckey, region, as_of, _r)
    return enrich(queries.progress_from_months(by_month, as_of, cat), cat, plans(cat))


@_data
def months(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    programme: str,
    as_of: date,
    _r: Reader,
) -> pl.DataFrame:
    return queries.months_of(month_counts(wid, ckey, region, as_of, _r), programme)


@_data
def trajectory(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    programme: str,
    as_of: date,
    _r: Reader,
) -> pl.DataFrame:
    counts = months(wid, ckey, region, programme, as_of, _r)
    return queries.trajectory(counts, programme, as_of, catalogue(region, ckey))


@_data
def monthly_rates(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    programme: str,
    as_of: date,
    _r: Reader,
) -> pl.DataFrame:
    return queries.monthly_rates(months(wid, ckey, region, programme, as_of, _r))


@_data
def years(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    programme: str,
    as_of: date,
    _r: Reader,
) -> pl.DataFrame:
    by_month = month_counts(wid, ckey, region, as_of, _r)
    return queries.years_from_months(by_month, programme, as_of, catalogue(region, ckey))


@_data
def breakdown(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    programme: str,
    as_of: date,
    dimension: queries.Dimension,
    _r: Reader,
) -> pl.DataFrame:
    cat = catalogue(region, ckey)
    return queries.breakdown(_r.con, programme, as_of, cat, dimension, region)


@_data
def places(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    programme: str,
    as_of: date,
    level: PlaceLevel,
    _r: Reader,
) -> pl.DataFrame:
    """targets.places.region_progress: places worst first, against allocations where given;
    counted from the place months the page's heatmap reads too (one mart for both)."""
    counts = queries.counts_of_months(place_month_rows(wid, ckey, region, programme, as_of, _r))
    return queries.places(counts, programme, as_of, catalogue(region, ckey), level)


@_data
def towns_of(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    programmes: tuple[str, ...],
    as_of: date,
    _r: Reader,
) -> list[pl.DataFrame]:
    """places() by town of several quotas (the Overview's plans), from one region mart."""
    cat = catalogue(region, ckey)
    counts = queries.region_counts_of(_r.marts, programmes, as_of, cat, region)
    return queries.places_of(counts, programmes, as_of, cat, "town")


@_data
def place_month_rows(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    programme: str,
    as_of: date,
    _r: Reader,
) -> pl.DataFrame:
    """The quota's counts by place and month, every level (targets.queries.place_month_rows)."""
    return queries.place_month_rows(_r.marts, programme, as_of, catalogue(region, ckey), region)


@_data
def place_months(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    programme: str,
    as_of: date,
    level: PlaceLevel,
    _r: Reader,
) -> pl.DataFrame:
    """place_month_rows() summed to the level."""
    rows = place_month_rows(wid, ckey, region, programme, as_of, _r)
    return queries.months_at(rows, catalogue(region, ckey).get(programme), level)


@_data
def institution_years(
    wid: WarehouseId, region: RegionScope, as_of: date, _r: Reader
) -> pl.DataFrame:
    return queries.institution_years(_r.con, region, as_of)


@_data
def institution_programmes(
    wid: WarehouseId, ckey: CatalogueKey, region: RegionScope, year: int, as_of: date, _r: Reader
) -> pl.DataFrame:
    return queries.institution_programmes(_r.con, year, catalogue(region, ckey), region, as_of)


def institutions(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    year: int,
    as_of: date,
    quota_ids: tuple[str, ...],
    thresholds: tuple[float, float],
    whole: bool,
    rule_source: str | None,
    _r: Reader,
) -> pl.DataFrame:
    """Institutions inside the region with records of the quotas in the year (up to as_of),
    judged where a rule applies (rule_source)."""
    per_programme = institution_programmes(wid, ckey, region, year, as_of, _r)
    return judge_institutions(
        per_programme, quota_ids, thresholds, whole=whole, rule_source=rule_source
    )


@st.cache_data(show_spinner=False, max_entries=8)
def freshness(
    wid: WarehouseId, ckey: CatalogueKey, region: RegionScope, _r: Reader
) -> pl.DataFrame:
    return queries.freshness(_r.con, all_plans(region, ckey), region)


@st.cache_data(show_spinner=False, max_entries=8)
def batches(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    own: tuple[str, ...],
    _r: Reader,
) -> pl.DataFrame:
    """The batch ledger as the region sees it; `own`: the batches loaded for it."""
    return queries.batch_history(_r.con, all_plans(region, ckey), region, own)


@st.cache_data(show_spinner=False, max_entries=8)
def rejects(wid: WarehouseId, batch: str) -> pl.DataFrame:
    """The quarantined rows of a batch, ID and phone numbers masked (etl.rejects). The page
    asks only for a batch the user may see (dashboard.guard.rejects_allowed)."""
    from pathlib import Path

    return rejects_frame(Path(wid.path), batch)
