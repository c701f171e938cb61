"""The SQL marts of targets/sql/, run on a read-only warehouse connection, as Polars frames.

Each mart is one file (import CTEs, named logical CTEs, `select * from final`) that reads a
staging view (quota_days, quota_facts) or the summary. Values are bound parameters, the quotas'
scope (targets/scope.py) included: one list parameter that quota_scope.sql makes a temporary
table of. Results are fetched as rows, not Arrow: pyarrow is never imported, which keeps
`python -m targets progress` quick.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from etl.exceptions import WarehouseError
from etl.warehouse import connect_read, resolve
from targets.exceptions import WarehouseUnavailable
from targets.scope import Scope

SQL_DIR = Path(__file__).resolve().parent / "sql"
RUN_RATE_DAYS = 90  # the projected completion date extrapolates the last 90 days
# The scope's temporary table (quota_scope.sql) and the staging views over it, in dependency
# order (see each file's header); dropped after each mart.
SCOPE_TABLE = "stg_quota_scope"
STAGING = ("filtered_facts", "quota_facts", "quota_days")

COUNTS = {"trained": pl.Int64, "certified": pl.Int64, "employed": pl.Int64}


@cache
def sql(name: str) -> str:
    """The text of targets/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@contextmanager
def warehouse(db: str | Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection: --db, else $SKILLTRACK_DB, else the default path."""
    path = resolve(db)
    try:
        con = connect_read(path)
    except WarehouseError as exc:
        raise WarehouseUnavailable(path, str(exc).removeprefix(f"{path}: ")) from None
    try:
        yield con
    finally:
        con.close()


def _run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: Mapping[str, Any],
    schema: Mapping[str, type[pl.DataType]],
    scope: Scope | None = None,
) -> pl.DataFrame:
    """Run one mart; an empty result still has its columns."""
    try:
        if scope is not None:
            _stage(con, scope)
        rel = con.sql(sql(name), params=dict(params))
        if rel.columns != list(schema):  # the file and this module must agree
            raise RuntimeError(f"{name}.sql returns {rel.columns}, expected {list(schema)}")
        rows = rel.fetchall()
    except duckdb.Error as exc:
        raise WarehouseUnavailable(
            _db_path(con),
            f"the warehouse cannot answer the {name} query ({exc}). It may have been built by an "
            "older version: rebuild it with `python -m etl demo` or load the files again.",
        ) from None
    finally:
        if scope is not None:
            _unstage(con)
    # fetchall, not Arrow: the few rows of a mart do not pay for importing pyarrow (~0.2 s)
    return pl.DataFrame(rows, schema=pl.Schema(schema), orient="row")


def _stage(con: duckdb.DuckDBPyConnection, scope: Scope) -> None:
    """The scope as a temporary table, and the staging views over it (targets/sql/)."""
    con.execute(
        f"create or replace temp table {SCOPE_TABLE} as " + sql("quota_scope"),
        {"scope": scope.frame.to_dicts()},
    )
    for view in STAGING:  # names from our own constants
        con.execute(f"create or replace temp view {view} as " + sql(view))


def _unstage(con: duckdb.DuckDBPyConnection) -> None:
    """Leave a connection the caller may reuse as it was."""
    for view in reversed(STAGING):
        con.execute(f"drop view if exists {view}")
    con.execute(f"drop table if exists {SCOPE_TABLE}")


def _db_path(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("select path from duckdb_databases() where not internal limit 1").fetchone()
    return str(row[0]) if row and row[0] else "warehouse"


def quota_counts(con: duckdb.DuckDBPyConnection, scope: Scope, as_of: date) -> pl.DataFrame:
    """quota_id, trained, certified, employed, window_trained, window_certified, window_employed.

    The window is the RUN_RATE_DAYS days ending at as_of (inclusive).
    """
    window = as_of - timedelta(days=RUN_RATE_DAYS - 1)
    schema = {"quota_id": pl.String, **COUNTS, **{f"window_{k}": v for k, v in COUNTS.items()}}
    return _run(con, "quota_counts", {"as_of": as_of, "window_start": window}, schema, scope)


def quota_years(con: duckdb.DuckDBPyConnection, scope: Scope, as_of: date) -> pl.DataFrame:
    """quota_id, year, trained, certified, employed."""
    schema = {"quota_id": pl.String, "year": pl.Int32, **COUNTS}
    return _run(con, "quota_years", {"as_of": as_of}, schema, scope)


def quota_months(con: duckdb.DuckDBPyConnection, scope: Scope, as_of: date) -> pl.DataFrame:
    """quota_id, month (first day), trained, certified, employed."""
    schema = {"quota_id": pl.String, "month": pl.Date, **COUNTS}
    return _run(con, "quota_months", {"as_of": as_of}, schema, scope)


def region_counts(con: duckdb.DuckDBPyConnection, scope: Scope, as_of: date) -> pl.DataFrame:
    """quota_id, city, county, town, trained, certified, employed."""
    places = dict.fromkeys(("city", "county", "town"), pl.String)
    schema = {"quota_id": pl.String, **places, **COUNTS}
    return _run(con, "region_counts", {"as_of": as_of}, schema, scope)


def _year(year: int) -> dict[str, date]:
    return {"year_start": date(year, 1, 1), "year_end": date(year, 12, 31)}


def institution_years(con: duckdb.DuckDBPyConnection, year: int) -> pl.DataFrame:
    """institution, trained, certified, employed over every record that ended in `year`."""
    schema = {"institution": pl.String, **COUNTS}
    return _run(con, "institution_years", _year(year), schema)


def institution_programmes(con: duckdb.DuckDBPyConnection, year: int) -> pl.DataFrame:
    """institution, programme_id, trained, certified, employed of the records that ended in year."""
    schema = {"institution": pl.String, "programme_id": pl.String, **COUNTS}
    return _run(con, "institution_programmes", _year(year), schema)
