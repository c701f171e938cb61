"""What the pages ask of the warehouse, as Polars frames; no Streamlit here (see cached.py).

Most answers come from the progress engine (targets.progress, targets.places, targets.marts).
What the engine does not answer yet — place × month, the occupation/category/institution
breakdown, the freshness of each plan and the batch ledger — runs the SQL files of
dashboard/sql/ the way targets.marts runs its marts: on a short-lived read-only connection, with
the quota's scope (targets.scope.build_scope) registered as data and every value bound. They
read only the warehouse tables (etl/sql/tables.sql) and the scope's public columns, never the
engine's staging views, which may change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from dashboard.plans import PlaceLevel, Plan
from targets import marts
from targets.catalogue import Catalogue
from targets.exceptions import WarehouseUnavailable
from targets.institutions import institution_programme_progress
from targets.progress import measured, progress, rates
from targets.scope import Scope, build_scope
from targets.timeline import trajectory, yearly_progress

SQL_DIR = Path(__file__).resolve().parent / "sql"
COUNTS = {"trained": pl.Int64, "certified": pl.Int64, "employed": pl.Int64}
NEAR_POINTS = 0.05  # an institution within 5 points of a threshold is "near the line"


def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: Mapping[str, Any],
    schema: Mapping[str, pl.DataType | type[pl.DataType]],
    *,
    scope: Scope | None = None,
    frames: Mapping[str, pl.DataFrame] | None = None,
) -> pl.DataFrame:
    """Run dashboard/sql/<name>.sql; an empty result keeps its columns.

    scope is registered as `quota_scope` (targets/scope.py's public schema), the other frames
    under their names.
    """
    registered = dict(frames or {})
    try:
        for view, frame in registered.items():
            con.register(view, frame)
        if scope is not None:
            con.register("quota_scope", scope.frame)
        result: pl.DataFrame = con.sql(_sql(name), params=dict(params)).pl()
    except duckdb.Error as exc:
        raise WarehouseUnavailable(
            "warehouse",
            f"the warehouse cannot answer the {name} query ({exc}). Rebuild it with "
            "`python -m etl demo --replace` or load the files again.",
        ) from None
    finally:
        for view in registered:
            con.unregister(view)
        if scope is not None:
            con.unregister("quota_scope")
    target = pl.Schema(schema)
    if result.is_empty():
        return pl.DataFrame(schema=target)
    return result.cast(target)


def plan_map(all_plans: Sequence[Plan]) -> pl.DataFrame:
    """programme_id → plan key, for joining records to plans."""
    rows = [(i, p.key) for p in all_plans for i in p.quota_ids]
    return pl.DataFrame(rows, schema={"programme_id": pl.String, "plan": pl.String}, orient="row")


# --- the progress engine --------------------------------------------------------------------


def all_progress(db: Path, as_of: date, catalogue: Catalogue) -> pl.DataFrame:
    """targets.progress.progress() of every quota, with the quota's depth and plan added later."""
    return progress(as_of, db=db, catalogue=catalogue)


def quota_trajectory(db: Path, programme: str, as_of: date, catalogue: Catalogue) -> pl.DataFrame:
    """The cumulative monthly actual against the straight-line target of one quota."""
    frame = trajectory(as_of, db=db, programme=programme, catalogue=catalogue)
    return frame.filter(pl.col("programme_id") == programme)


def quota_years(db: Path, programme: str, as_of: date, catalogue: Catalogue) -> pl.DataFrame:
    """The per-year split of the quota and of its sub-quotas that have one."""
    return yearly_progress(as_of, db=db, programme=programme, catalogue=catalogue)


def monthly_rates(db: Path, programme: str, as_of: date, catalogue: Catalogue) -> pl.DataFrame:
    """month, trained, certified, employed in the month; certificate_rate and employment_rate
    cumulative to the month's end (what a threshold is judged on)."""
    q = catalogue.get(programme)
    with marts.warehouse(db) as con:
        counts = marts.quota_months(con, build_scope(catalogue, [q]), as_of)
    frame = counts.filter(pl.col("quota_id") == programme).sort("month")
    cum = {c: pl.col(c).cum_sum() for c in COUNTS}
    t = cum["trained"]
    return frame.select(
        "month",
        *COUNTS,
        pl.when(t > 0).then(cum["certified"] / t).alias("certificate_rate"),
        pl.when(t > 0).then(cum["employed"] / t).alias("employment_rate"),
    )


def breakdown(
    db: Path, programme: str, as_of: date, catalogue: Catalogue, measure: str
) -> pl.DataFrame:
    """dimension (occupation, category, institution), value, counts, actual and rates."""
    q = catalogue.get(programme)
    schema = {"dimension": pl.String, "value": pl.String, **COUNTS}
    with marts.warehouse(db) as con:
        frame = _run(
            con, "quota_breakdown", {"as_of": as_of}, schema, scope=build_scope(catalogue, [q])
        )
    frame = frame.with_columns(pl.lit(measure).alias("measure"))
    return frame.with_columns(measured().alias("actual"), *rates()).drop("measure")


# --- places ---------------------------------------------------------------------------------


def place_months(
    db: Path, programme: str, as_of: date, catalogue: Catalogue, level: PlaceLevel
) -> pl.DataFrame:
    """city, county, town (down to `level`), month, trained, certified, employed, actual."""
    q = catalogue.get(programme)
    places = {"city": pl.String, "county": pl.String, "town": pl.String}
    schema = {"quota_id": pl.String, **places, "month": pl.Date, **COUNTS}
    with marts.warehouse(db) as con:
        frame = _run(
            con,
            "place_months",
            {"as_of": as_of},
            schema,
            scope=build_scope(catalogue, [q]),
        )
    keys = list(places)[: list(places).index(level) + 1]
    grouped = frame.group_by([*keys, "month"]).agg(pl.col(c).sum() for c in COUNTS)
    return (
        grouped.with_columns(pl.lit(q.measure).alias("measure"))
        .with_columns(measured().alias("actual"))
        .drop("measure")
        .sort([*keys, "month"])
    )


# --- institutions ---------------------------------------------------------------------------


def institution_years_available(db: Path, quota_ids: Sequence[str]) -> list[int]:
    """The years in which records of these quotas ended, newest first."""
    query = (
        "select distinct year(end_date)::integer as y from summary "
        "where programme_id in (select unnest($ids)) and institution is not null order by y desc"
    )
    with marts.warehouse(db) as con:
        rows = con.execute(query, {"ids": list(quota_ids)}).fetchall()
    return [int(r[0]) for r in rows]


def institutions(
    db: Path,
    year: int,
    quota_ids: Sequence[str],
    thresholds: tuple[float, float],
    catalogue: Catalogue,
    *,
    whole: bool,
) -> pl.DataFrame:
    """Per institution with records of these quotas that ended in `year`, judged on thresholds.

    whole=True judges an institution on all its records of the year, whatever the programme
    (Yuncheng's rule, targets.institutions); whole=False on its records of these quotas only.
    Columns: institution, year, trained, certified, employed, certificate_rate,
    employment_rate, eligible_next_year, margin (the smaller distance to a threshold, negative
    below), near (eligible but within NEAR_POINTS of a line). Failing first, then by margin.
    """
    per_programme = institution_programme_progress(year, db=db, catalogue=catalogue)
    in_scope = per_programme.filter(pl.col("programme_id").is_in(list(quota_ids)))
    if whole:
        names = in_scope.get_column("institution").unique().to_list()
        in_scope = per_programme.filter(pl.col("institution").is_in(names))
    frame = in_scope.group_by("institution").agg(pl.col(c).sum() for c in COUNTS)
    cert_gap = pl.col("certificate_rate") - thresholds[0]
    emp_gap = pl.col("employment_rate") - thresholds[1]
    frame = (
        frame.with_columns(*rates())
        .with_columns(
            pl.lit(year, dtype=pl.Int32).alias("year"),
            (
                (pl.col("certificate_rate") >= thresholds[0])
                & (pl.col("employment_rate") >= thresholds[1])
            )
            .fill_null(False)
            .alias("eligible_next_year"),
            pl.min_horizontal(cert_gap, emp_gap).alias("margin"),
        )
        .with_columns(
            (pl.col("eligible_next_year") & (pl.col("margin") < NEAR_POINTS)).alias("near")
        )
    )
    return frame.sort(["eligible_next_year", "margin", "institution"], nulls_last=True)


# --- the data page --------------------------------------------------------------------------


def freshness(db: Path, all_plans: Sequence[Plan]) -> pl.DataFrame:
    """plan, latest_record, records, batches, latest_load, latest_file."""
    schema: dict[str, pl.DataType | type[pl.DataType]] = {
        "plan": pl.String,
        "latest_record": pl.Date,
        "records": pl.Int64,
        "batches": pl.Int64,
        "latest_load": pl.Datetime("us"),
        "latest_file": pl.String,
    }
    with marts.warehouse(db) as con:
        return _run(con, "freshness", {}, schema, frames={"plan_map": plan_map(all_plans)})


def batch_history(db: Path, all_plans: Sequence[Plan]) -> pl.DataFrame:
    """The batch ledger, newest first, with the plans of each batch's records."""
    schema: dict[str, pl.DataType | type[pl.DataType]] = {
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
    with marts.warehouse(db) as con:
        return _run(con, "batch_history", {}, schema, frames={"plan_map": plan_map(all_plans)})
