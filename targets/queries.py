"""What the pages ask of the warehouse, as Polars frames; no Streamlit here (see cached.py).

Every function takes an open read-only connection, so that one page run uses one cursor on the
process's connection however many questions it asks (dashboard.source.Reader). The progress
engine is used through its public halves: a mart of targets.marts on that connection — or on the
run's marts.Session over it, which stages the marts' scope and views once for the run — then the
pure `*_of` function (targets.progress, targets.timeline, targets.places, targets.institutions).

What the marts do not answer — place × month, the occupation/category/institution breakdown,
the freshness of each plan and the batch ledger — runs SQL files of targets/sql/ read by the same
loader (marts.sql): with the quota's scope (catalogue.scope.build_scope) registered as data and
every value bound. They read only the warehouse tables (warehouse/sql/tables.sql) and the scope's
public columns, never the engine's staging views, which may change.

Every function that reads the warehouse takes the signed-in user's region
(catalogue.region_scope.RegionScope) and binds its levels as parameters ($scope_province …), so
that a page cannot show a record outside it: tests/access/test_scoped_reads.py checks that each
one does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Literal

import duckdb
import polars as pl

from catalogue.loader import Catalogue
from catalogue.model import Quota
from catalogue.region_scope import RegionScope
from catalogue.scope import Scope, build_scope
from targets import marts
from targets.exceptions import WarehouseUnavailable
from targets.institutions import institution_programme_progress_of
from targets.places import region_progress_many, region_progress_of
from targets.plans import PlaceLevel, Plan
from targets.progress import counted_ids, measured, progress_of, rates, select
from targets.regional import allocations_of
from targets.timeline import trajectory_of, yearly_progress_of

Con = duckdb.DuckDBPyConnection
Dimension = Literal["occupation", "category", "institution"]
COUNTS = marts.COUNTS
Schema = Mapping[str, pl.DataType | type[pl.DataType]]


DIMENSIONS: dict[Dimension, str] = {  # the dimension → its column in `records`
    "occupation": "occupation",
    "category": "category",
    "institution": "institution",
}


def _sql(name: str, **identifiers: str) -> str:
    """marts.sql(name); `__key__` markers become identifiers of our own schema."""
    text = marts.sql(name)
    for key, identifier in identifiers.items():
        text = text.replace(f"__{key}__", identifier)
    return text


def _run(
    con: Con,
    name: str,
    params: Mapping[str, Any],
    schema: Schema,
    region: RegionScope,
    *,
    scope: Scope | None = None,
    frames: Mapping[str, pl.DataFrame] | None = None,
    identifiers: Mapping[str, str] | None = None,
) -> pl.DataFrame:
    """Run targets/sql/<name>.sql inside the region, with `quota_scope` and the frames
    registered."""
    registered = dict(frames or {})
    if scope is not None:
        registered["quota_scope"] = scope.frame
    try:
        for view, frame in registered.items():
            con.register(view, frame)
        text = _sql(name, **dict(identifiers or {}))
        bound = dict(params)
        if "$scope_province" in text:
            bound |= region.params()
        elif not region.everything:  # fail closed: a query that cannot keep to the region
            raise RuntimeError(f"{name}.sql does not bind the region")
        result: pl.DataFrame = con.sql(text, params=bound).pl()
    except duckdb.Error as exc:
        raise WarehouseUnavailable(
            "warehouse",
            f"the warehouse cannot answer the {name} query ({exc}). Rebuild it with "
            "`python -m etl demo --replace` or load the files again.",
        ) from None
    finally:
        for view in registered:
            con.unregister(view)
    target = pl.Schema(schema)
    if result.is_empty():
        return pl.DataFrame(schema=target)
    return result.cast(target)


def plan_map(all_plans: Sequence[Plan]) -> pl.DataFrame:
    """programme_id → plan key, for joining records to plans."""
    rows = [(i, p.key) for p in all_plans for i in p.quota_ids]
    return pl.DataFrame(rows, schema={"programme_id": pl.String, "plan": pl.String}, orient="row")


# --- the progress engine --------------------------------------------------------------------


def all_progress(
    con: marts.Source, as_of: date, catalogue: Catalogue, region: RegionScope
) -> pl.DataFrame:
    """targets.progress.progress() of every quota."""
    quotas = select(catalogue, None)
    scope = build_scope(catalogue, counted_ids(catalogue, quotas))
    return progress_of(catalogue, quotas, marts.quota_counts(con, scope, as_of, region), as_of)


def month_counts(
    con: marts.Source, as_of: date, catalogue: Catalogue, region: RegionScope
) -> pl.DataFrame:
    """Every quota's counts per month up to as_of, with the run-rate window's
    (targets.marts.quota_month_counts): one mart run that progress_from_months, months_of and
    years_from_months read, as the dashboard does for a page's as-of date and region."""
    scope = build_scope(catalogue, counted_ids(catalogue, select(catalogue, None)))
    return marts.quota_month_counts(con, scope, as_of, region)


def progress_from_months(months: pl.DataFrame, as_of: date, catalogue: Catalogue) -> pl.DataFrame:
    """all_progress() from month_counts(): each quota's months summed."""
    sums = [c for c in months.columns if c not in ("quota_id", "month")]
    counts = months.group_by("quota_id").agg(pl.col(c).sum() for c in sums)
    return progress_of(catalogue, select(catalogue, None), counts, as_of)


def months_of(months: pl.DataFrame, programme: str) -> pl.DataFrame:
    """quota_months() from month_counts(): the quota's rows."""
    return months.filter(pl.col("quota_id") == programme).select("quota_id", "month", *COUNTS)


def years_from_months(
    months: pl.DataFrame, programme: str, as_of: date, catalogue: Catalogue
) -> pl.DataFrame:
    """quota_years() from month_counts(): the months of the quota and of its sub-quotas with a
    per-year split, summed by calendar year."""
    quotas = [q for q in select(catalogue, programme) if q.yearly and q.measure != "manual"]
    counts = (
        months.filter(pl.col("quota_id").is_in([q.id for q in quotas]))
        .group_by("quota_id", pl.col("month").dt.year().cast(pl.Int32).alias("year"))
        .agg(pl.col(c).sum() for c in COUNTS)
    )
    return yearly_progress_of(quotas, counts, as_of)


def quota_months(
    con: marts.Source, programme: str, as_of: date, catalogue: Catalogue, region: RegionScope
) -> pl.DataFrame:
    """The quota's counts per month (targets.marts.quota_months): trajectory and rates."""
    q = catalogue.get(programme)
    return marts.quota_months(con, build_scope(catalogue, [q]), as_of, region)


def trajectory(
    months: pl.DataFrame, programme: str, as_of: date, catalogue: Catalogue
) -> pl.DataFrame:
    """The cumulative monthly actual against the straight-line target (targets.timeline)."""
    return trajectory_of([catalogue.get(programme)], months, as_of)


def monthly_rates(months: pl.DataFrame) -> pl.DataFrame:
    """month, counts in the month; certificate_rate and employment_rate cumulative to the
    month's end (what a threshold is judged on)."""
    frame = months.sort("month")
    cum = {c: pl.col(c).cum_sum() for c in COUNTS}
    t = cum["trained"]
    return frame.select(
        "month",
        *COUNTS,
        pl.when(t > 0).then(cum["certified"] / t).alias("certificate_rate"),
        pl.when(t > 0).then(cum["employed"] / t).alias("employment_rate"),
    )


def quota_years(
    con: marts.Source, programme: str, as_of: date, catalogue: Catalogue, region: RegionScope
) -> pl.DataFrame:
    """The per-year split of the quota and of its sub-quotas that have one."""
    quotas = [q for q in select(catalogue, programme) if q.yearly and q.measure != "manual"]
    counts = marts.quota_years(con, build_scope(catalogue, quotas), as_of, region)
    return yearly_progress_of(quotas, counts, as_of)


def breakdown(
    con: Con,
    programme: str,
    as_of: date,
    catalogue: Catalogue,
    dimension: Dimension,
    region: RegionScope,
) -> pl.DataFrame:
    """value (of the dimension), counts, actual (the quota's measure) and rates."""
    q = catalogue.get(programme)
    schema = {"value": pl.String, **COUNTS}
    # The loads' counts by dimension are of every place together: a region reads the records.
    kept = region.everything
    frame = _run(
        con,
        "quota_breakdown" if kept else "quota_breakdown_region",
        {"as_of": as_of, "dimension": dimension} if kept else {"as_of": as_of},
        schema,
        region,
        scope=build_scope(catalogue, [q]),
        identifiers={"dimension": DIMENSIONS[dimension]},
    )
    return (
        frame.with_columns(pl.lit(q.measure).alias("measure"))
        .with_columns(measured().alias("actual"), *rates())
        .drop("measure")
    )


# --- places ---------------------------------------------------------------------------------


def region_counts(
    con: marts.Source, programme: str, as_of: date, catalogue: Catalogue, region: RegionScope
) -> pl.DataFrame:
    """The quota's counts per city, county and town (targets.marts.region_counts)."""
    return region_counts_of(con, [programme], as_of, catalogue, region)


def region_counts_of(
    con: marts.Source,
    programmes: Sequence[str],
    as_of: date,
    catalogue: Catalogue,
    region: RegionScope,
) -> pl.DataFrame:
    """region_counts() of several quotas from one mart run, told apart by quota_id."""
    quotas = [catalogue.get(p) for p in programmes]
    return marts.region_counts(con, build_scope(catalogue, quotas), as_of, region)


def places(
    counts: pl.DataFrame, programme: str, as_of: date, catalogue: Catalogue, level: PlaceLevel
) -> pl.DataFrame:
    """targets.places.region_progress() from region_counts(): worst first, vs allocations."""
    q = catalogue.get(programme)
    return region_progress_of(q, counts, as_of, level, allocations_of(catalogue))


def places_of(
    counts: pl.DataFrame,
    programmes: Sequence[str],
    as_of: date,
    catalogue: Catalogue,
    level: PlaceLevel,
) -> list[pl.DataFrame]:
    """places() of several quotas from region_counts_of(), ranked in one pass."""
    quotas = [catalogue.get(p) for p in programmes]
    return region_progress_many(quotas, counts, as_of, level, allocations_of(catalogue))


def place_month_rows(
    con: marts.Source, programme: str, as_of: date, catalogue: Catalogue, region: RegionScope
) -> pl.DataFrame:
    """The quota's counts per city, county, town and month (targets.marts.place_months: what
    region_counts counts, by month)."""
    q = catalogue.get(programme)
    return marts.place_months(con, build_scope(catalogue, [q]), as_of, region)


def counts_of_months(rows: pl.DataFrame) -> pl.DataFrame:
    """region_counts() summed from place_month_rows(): the same counts, since both marts read
    one staging view with one filter and a place's months add up to its figure."""
    keys = ["quota_id", "city", "county", "town"]
    return rows.group_by(keys).agg(pl.col(c).sum() for c in COUNTS).sort(keys)


def place_months(
    con: marts.Source,
    programme: str,
    as_of: date,
    catalogue: Catalogue,
    level: PlaceLevel,
    region: RegionScope,
) -> pl.DataFrame:
    """city, county, town (down to `level`), month, trained, certified, employed, actual
    (targets.marts.place_months: what region_counts counts, by month)."""
    rows = place_month_rows(con, programme, as_of, catalogue, region)
    return months_at(rows, catalogue.get(programme), level)


def months_at(frame: pl.DataFrame, q: Quota, level: PlaceLevel) -> pl.DataFrame:
    """place_month_rows() summed to `level` (city, county or town), with the quota's actual."""
    keys = ["city", "county", "town"]
    keys = keys[: keys.index(level) + 1]
    grouped = frame.group_by([*keys, "month"]).agg(pl.col(c).sum() for c in COUNTS)
    return (
        grouped.with_columns(pl.lit(q.measure).alias("measure"))
        .with_columns(measured().alias("actual"))
        .drop("measure")
        .sort([*keys, "month"])
    )


# --- institutions ---------------------------------------------------------------------------


def institution_years(con: Con, region: RegionScope, as_of: date | None = None) -> pl.DataFrame:
    """programme_id, year: the years (up to the as-of date, if given) in which each
    programme's records with an institution inside the region end."""
    query = (
        "select distinct programme_id, year(end_date)::integer as year from summary "
        "where institution is not null and ($as_of::date is null or end_date <= $as_of::date) "
        "and ($scope_province::varchar is null or province = $scope_province) "
        "and ($scope_city::varchar is null or city = $scope_city) "
        "and ($scope_county::varchar is null or county = $scope_county) "
        "and ($scope_town::varchar is null or town = $scope_town)"
    )
    try:
        years: pl.DataFrame = con.sql(query, params={"as_of": as_of, **region.params()}).pl()
    except duckdb.Error as exc:
        raise WarehouseUnavailable("warehouse", f"cannot list the years ({exc}).") from None
    return years


def institution_programmes(
    con: Con, year: int, catalogue: Catalogue, region: RegionScope, as_of: date | None = None
) -> pl.DataFrame:
    """targets.institutions.institution_programme_progress() for one year, up to the as-of
    date if given (the engine's mart counts the whole year)."""
    counts = marts.institution_programmes(con, year, region, as_of)
    return institution_programme_progress_of(catalogue, counts, year)


# --- the data page --------------------------------------------------------------------------


def freshness(con: Con, all_plans: Sequence[Plan], region: RegionScope) -> pl.DataFrame:
    """plan, latest_record, records, batches, latest_load, latest_file."""
    schema: Schema = {
        "plan": pl.String,
        "latest_record": pl.Date,
        "records": pl.Int64,
        "batches": pl.Int64,
        "latest_load": pl.Datetime("us"),
        "latest_file": pl.String,
    }
    frames = {"plan_map": plan_map(all_plans)}
    return _run(con, "freshness", {}, schema, region, frames=frames)


def batch_history(
    con: Con, all_plans: Sequence[Plan], region: RegionScope, own: Sequence[str] = ()
) -> pl.DataFrame:
    """The batch ledger, newest first, with the plans of each batch's records: for a region,
    the batches with records inside it or among `own` (loaded for a region inside it), their
    counts only where `own` (batch_history.sql)."""
    schema: Schema = {
        "batch_id": pl.String,
        "file_name": pl.String,
        "rows": pl.Int64,
        "loaded": pl.Int64,
        "duplicates": pl.Int64,
        "rejected": pl.Int64,
        "skipped": pl.Int64,
        "reasons": pl.String,
        "duplicate_of": pl.String,
        "loaded_at": pl.Datetime("us"),
        "plans": pl.List(pl.String),
    }
    params = {"everything": region.everything, "own": list(own)}
    frames = {"plan_map": plan_map(all_plans)}
    return _run(con, "batch_history", params, schema, region, frames=frames)
