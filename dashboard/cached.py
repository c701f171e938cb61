"""The pages' entry to the data: dashboard.queries behind st.cache_data.

Every function takes the warehouse file's identity (`source.WarehouseId`) and the catalogue's
(`source.catalogue_key()`) as its first two arguments. They are part of the cache key and
nothing else, so a load that swaps the file in, or an edited target, gives new results on the
next rerun without a restart, while an unchanged warehouse answers from memory.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import streamlit as st

from dashboard import queries
from dashboard.attention import enrich
from dashboard.plans import PlaceLevel, Plan, plans
from dashboard.source import Health, WarehouseId, health
from etl.rejects import rejects_frame
from targets.catalogue import Catalogue, load_catalogue
from targets.places import region_progress

CatalogueKey = tuple[tuple[str, int, int], ...]
_ENTRIES = 64


def catalogue() -> Catalogue:
    """The catalogue (cached by targets.catalogue on its files' contents)."""
    return load_catalogue()


def all_plans() -> list[Plan]:
    return plans(catalogue())


@st.cache_data(show_spinner=False, max_entries=8)
def warehouse_health(wid: WarehouseId) -> Health:
    return health(Path(wid.path))


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def progress(wid: WarehouseId, ckey: CatalogueKey, as_of: date) -> pl.DataFrame:
    """Every quota's progress at as_of, with its plan and English name."""
    cat = catalogue()
    frame = queries.all_progress(Path(wid.path), as_of, cat)
    return enrich(frame, cat, plans(cat))


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def trajectory(wid: WarehouseId, ckey: CatalogueKey, programme: str, as_of: date) -> pl.DataFrame:
    return queries.quota_trajectory(Path(wid.path), programme, as_of, catalogue())


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def years(wid: WarehouseId, ckey: CatalogueKey, programme: str, as_of: date) -> pl.DataFrame:
    return queries.quota_years(Path(wid.path), programme, as_of, catalogue())


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def monthly_rates(
    wid: WarehouseId, ckey: CatalogueKey, programme: str, as_of: date
) -> pl.DataFrame:
    return queries.monthly_rates(Path(wid.path), programme, as_of, catalogue())


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def breakdown(wid: WarehouseId, ckey: CatalogueKey, programme: str, as_of: date) -> pl.DataFrame:
    cat = catalogue()
    measure = cat.get(programme).measure
    return queries.breakdown(Path(wid.path), programme, as_of, cat, measure)


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def places(
    wid: WarehouseId, ckey: CatalogueKey, programme: str, as_of: date, level: PlaceLevel
) -> pl.DataFrame:
    """targets.places.region_progress: places worst first, against allocations where given."""
    return region_progress(programme, as_of, level=level, db=wid.path, catalogue=catalogue())


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def place_months(
    wid: WarehouseId, ckey: CatalogueKey, programme: str, as_of: date, level: PlaceLevel
) -> pl.DataFrame:
    return queries.place_months(Path(wid.path), programme, as_of, catalogue(), level)


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def institution_years(
    wid: WarehouseId, ckey: CatalogueKey, quota_ids: tuple[str, ...]
) -> list[int]:
    return queries.institution_years_available(Path(wid.path), quota_ids)


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def institutions(
    wid: WarehouseId,
    ckey: CatalogueKey,
    year: int,
    quota_ids: tuple[str, ...],
    thresholds: tuple[float, float],
    whole: bool,
) -> pl.DataFrame:
    return queries.institutions(
        Path(wid.path), year, quota_ids, thresholds, catalogue(), whole=whole
    )


@st.cache_data(show_spinner=False, max_entries=8)
def freshness(wid: WarehouseId, ckey: CatalogueKey) -> pl.DataFrame:
    return queries.freshness(Path(wid.path), all_plans())


@st.cache_data(show_spinner=False, max_entries=8)
def batches(wid: WarehouseId, ckey: CatalogueKey) -> pl.DataFrame:
    return queries.batch_history(Path(wid.path), all_plans())


@st.cache_data(show_spinner=False, max_entries=8)
def rejects(wid: WarehouseId, batch: str | None) -> pl.DataFrame:
    """The quarantined rows of a batch, ID and phone numbers masked (etl.rejects)."""
    return rejects_frame(Path(wid.path), batch)
