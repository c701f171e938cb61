"""The SQL marts of targets/sql/, run on a read-only warehouse connection, as Polars frames.

Each mart is one file (import CTEs, named logical CTEs, `select * from final`) that reads a
staging view (quota_days, quota_facts) or the summary. Values are bound parameters, the quotas'
scope (targets/scope.py) included: one list parameter per column that quota_scope.sql makes a
temporary table of. Results are fetched as rows, not Arrow: pyarrow is never imported, which keeps
`python -m targets progress` quick.

A mart run on a connection stages what it reads and drops it afterwards. Several marts in a row
(a dashboard page, the briefing) run on a `Session` instead, which stages once: the views once,
the daily totals once (a view over the warehouse's summary_days — an older file is migrated
before it is read, warehouse.migrations — or, for a region, summary_days.sql), the scope's
table only when it changes.

Every mart takes the signed-in user's region (catalogue.region_scope.RegionScope; EVERYWHERE for the
command line) and counts only the records inside it: the region's levels are bound parameters,
kept for the staging views as the one-row temporary table of region_scope.sql, and the daily
totals of a region are summed from the summary's rows inside it (summary_days.sql: the
warehouse's summary_days has no places).
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

from catalogue.region_scope import RegionScope
from catalogue.scope import Scope
from targets.exceptions import WarehouseUnavailable
from warehouse.exceptions import WarehouseError
from warehouse.store import connect_read, resolve, upgrade

SQL_DIR = Path(__file__).resolve().parent / "sql"
RUN_RATE_DAYS = 90  # the projected completion date extrapolates the last 90 days
# The scope's temporary table (quota_scope.sql), the summary's daily totals (summary_days.sql)
# and the staging views over them, in dependency order (see each file's header); dropped after
# each mart, or when its Session closes.
SCOPE_TABLE = "stg_quota_scope"
REGION_TABLE = "stg_region"
DAYS_TABLE = "stg_summary_days"
PLACE_TABLE = "stg_place_facts"  # the summary's rows for the marts by place (place_facts.sql)
STAGING = ("filtered_facts", "people_facts", "quota_facts", "quota_days")
# What each staging view reads of the others (see each file's header).
READS = {
    "filtered_facts": (),
    "people_facts": (),
    PLACE_TABLE: (),
    "quota_facts": ("filtered_facts", "people_facts", PLACE_TABLE),
    "quota_days": ("filtered_facts", "people_facts"),
}
# The staging views that read only some quotas of a scope, as the relation each one is when the
# scope has none of them (the same columns and types as the file's `final`), and which scope rows
# they read.
EMPTY = {
    "filtered_facts": "select null::varchar as quota_id, null::varchar as programme_id, "
    "null::varchar as city, null::varchar as county, null::varchar as town, "
    "null::varchar as institution, null::date as end_date, 0::bigint as trained, "
    "0::bigint as certified, 0::bigint as employed where false",
    "people_facts": "select null::varchar as quota_id, null::varchar as city, "
    "null::varchar as county, null::varchar as town, null::date as end_date, "
    "0::bigint as trained, 0::bigint as certified, 0::bigint as employed where false",
}
_HAS = {
    "filtered_facts": pl.col("filtered") & ~pl.col("people"),
    "people_facts": pl.col("people"),
}
# What loads keep for the quotas that count people (etl/people.py). A source without them (the
# Parquet lake) gets empty stand-ins, so that people_facts counts every such quota from records.
PEOPLE_TABLES = {
    "summary_people_scope": "quota_id varchar, programme_id varchar, period_start date, "
    "period_end date, per_year boolean, employment_place varchar, category varchar, "
    "occupation varchar, retention_months integer",
    "summary_people_days": "quota_id varchar, city varchar, county varchar, town varchar, "
    "end_date date, trained bigint, certified bigint, employed bigint",
}
# The daily totals as loads keep them (etl/sql/rebuild_summary_days.sql); every warehouse has them
# (an older one is migrated before it is read: warehouse.migrations). summary_days.sql sums them
# from the summary for a source that does not keep them (the Parquet lake on Spark).
KEPT_TABLE = "summary_days"
# The summary by place and month as loads keep them (etl/sql/rebuild_summary_place_months.sql); a
# source without them (the Parquet lake) stages the summary's own rows as PLACE_TABLE.
KEPT_PLACE_MONTHS = "summary_place_months"
PLACE_COLUMNS = (
    "programme_id, province, city, county, town, institution, end_date, trained, certified, "
    "employed"
)

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
        upgrade(path)  # a file made by an older version is migrated first
        con = connect_read(path)
    except WarehouseError as exc:
        raise WarehouseUnavailable(path, str(exc).removeprefix(f"{path}: ")) from None
    try:
        yield con
    finally:
        con.close()


def period_edges(frame: pl.DataFrame) -> tuple[tuple[str, date], ...]:
    """The (programme, month) pairs whose month a quota's period starts or ends inside, among
    the scope rows read from the summary (not filtered, not people): their days are staged from
    the summary, not summed by month (place_facts.sql)."""
    edges: set[tuple[str, date]] = set()
    rows = frame.filter(~pl.col("filtered") & ~pl.col("people"))
    for pid, start, end in rows.select("programme_id", "period_start", "period_end").iter_rows():
        if start.day != 1:
            edges.add((pid, start.replace(day=1)))
        if (end + timedelta(days=1)).day != 1:
            edges.add((pid, end.replace(day=1)))
    return tuple(sorted(edges))


class Session:
    """Several marts on one connection, staged once rather than per mart.

        with marts.Session(con) as s:
            counts = marts.quota_counts(s, scope, as_of)
            months = marts.quota_months(s, scope.only([quota_id]), as_of)

    A mart stages only what it reads, the first time it is read: the views, and the summary's
    daily totals for the marts by quota, year and month; the scope's table is replaced when a
    mart asks for another scope. close() (the end of the `with`) drops them all. While the
    session is open, the connection's temporary names of STAGING, SCOPE_TABLE and DAYS_TABLE
    are the session's: run every mart on the connection through it.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._stand_ins: list[str] = []  # empty temporary PEOPLE_TABLES of a source without them
        self._scope: pl.DataFrame | None = None
        self._until: date | None = None  # the daily totals' last day
        self._region: RegionScope | None = None
        self._days: str | None = None  # what DAYS_TABLE is: "view", "table" or not made
        self._place_params: dict[str, Any] = {}  # PLACE_TABLE's cut and edges, bound
        self._place_kind: str | None = None  # PLACE_TABLE over "kept" place months, "summary"
        # the staging views' bodies, in dependency order: put in front of each mart's own
        # `with` (inline), not created as views: a view is bound when created and again in
        # every query that reads it, and the creations cost a page 15-20 ms
        self._bodies: dict[str, str] = {}
        self._names: frozenset[str] | None = None  # the source's tables and views, read once

    def _has(self, table: str) -> bool:
        """Whether the source has this table or view (the lake's DuckDB view may lack some);
        the catalogue is read once per session."""
        if self._names is None:
            self._names = _source_names(self.con)
        return table in self._names

    def _drop_days(self) -> None:
        if self._days is not None:
            self.con.execute(f"drop {self._days} if exists {DAYS_TABLE}")  # our names
            self._days = None

    def stage(self, scope: Scope, view: str, as_of: date, region: RegionScope) -> None:
        """The scope as the temporary table, and `view` (one of STAGING) over it, holding at
        least the records up to as_of inside the region."""
        if self._region != region:
            self.con.execute(
                f"create or replace temp table {REGION_TABLE} as " + sql("region_scope"),
                region.params(),
            )
            self._region = region
            self._until = None  # the daily totals are the region's: made again
        if self._scope is None or not self._scope.equals(scope.frame):
            self.con.execute(
                f"create or replace temp table {SCOPE_TABLE} as " + sql("quota_scope"),
                {c: scope.frame.get_column(c).to_list() for c in scope.frame.columns},
            )
            self._scope = scope.frame
        if view == "quota_days" and (self._until is None or as_of > self._until):
            self._drop_days()
            if region.everything:
                self.con.execute(f"create temp view {DAYS_TABLE} as select * from {KEPT_TABLE}")
                self._until = date.max  # every day; the marts filter by their as-of date
                self._days = "view"
            else:
                self.con.execute(
                    f"create temp table {DAYS_TABLE} as " + sql("summary_days"),
                    {"until": as_of, **region.params()},
                )
                self._until = as_of
                self._days = "table"
        if view == "quota_facts":
            self._stage_places(as_of)
        self._view(view)

    def _stage_places(self, as_of: date) -> None:
        """PLACE_TABLE for the as-of date, the region and the scope's period edges: place_facts.sql
        over the loads' place months, its cut and edges bound with the mart (place_params)."""
        assert self._scope is not None  # staged just before
        if self._place_kind is None:
            self._place_kind = "kept" if self._has(KEPT_PLACE_MONTHS) else "summary"
        if PLACE_TABLE not in self._bodies:
            self._bodies[PLACE_TABLE] = (
                sql("place_facts")
                if self._place_kind == "kept"
                else f"select {PLACE_COLUMNS} from summary"
            )
        if self._place_kind == "kept":
            edges = period_edges(self._scope)
            self._place_params = {
                "place_cut": (as_of + timedelta(days=1)).replace(day=1),
                "place_edge_programmes": [p for p, _ in edges],
                "place_edge_months": [m for _, m in edges],
            }

    def params(self, view: str) -> dict[str, Any]:
        """What the staged bodies a mart reading `view` binds besides its own parameters."""
        if PLACE_TABLE in READS[view] and self._place_kind == "kept":
            return dict(self._place_params)
        return {}

    def _drop_places(self) -> None:
        self._bodies.pop(PLACE_TABLE, None)
        self._place_kind = None
        self._place_params = {}

    def _view(self, view: str) -> None:
        if view in self._bodies:
            return
        if view in ("quota_facts", "quota_days"):  # they read both
            self._view("filtered_facts")
            self._view("people_facts")
        if view == "people_facts":
            for table, columns in PEOPLE_TABLES.items():
                if not self._has(table):
                    self.con.execute(f"create or replace temp table {table} ({columns})")
                    self._stand_ins.append(table)
        self._bodies[view] = sql(view)

    def inline(self, text: str, view: str) -> str:
        """A mart's SQL (starting, after its comments, with a `with` line) with the staged
        `view` and the views it reads in front of its own CTEs, under the views' names. A view
        of quotas the scope has none of (filtered_facts, people_facts) goes in as its empty
        relation (EMPTY): the same rows, without binding and planning its whole body."""
        wanted = {view, *READS[view]}
        head, sep, rest = text.partition("\nwith\n")
        if not sep:
            raise RuntimeError("a mart's SQL must start with a `with` line")
        views = ",\n".join(
            f"{name} as not materialized (\n{self._body(name)}\n)"
            for name in self._bodies
            if name in wanted
        )
        return f"{head}\nwith\n{views},\n{rest}"

    def _body(self, view: str) -> str:
        if view in EMPTY and self._scope is not None:
            rows = self._scope.filter(_HAS[view])
            if rows.is_empty():
                return EMPTY[view]
        return self._bodies[view]

    def close(self) -> None:
        """Leave a connection the caller may reuse as it was."""
        self._bodies.clear()
        self._drop_days()
        self._drop_places()
        self.con.execute(f"drop table if exists {SCOPE_TABLE}")
        self.con.execute(f"drop table if exists {REGION_TABLE}")
        for table in self._stand_ins:
            self.con.execute(f"drop table if exists temp.{table}")
        self._stand_ins.clear()
        self._scope = None
        self._region = None
        self._until = None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _source_names(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The names of the source's own tables and views (not the connection's temporary ones)."""
    rows = con.execute(
        "select table_name from duckdb_tables() where not temporary "
        "union all select view_name from duckdb_views() where not temporary and not internal"
    ).fetchall()
    return frozenset(name for (name,) in rows)


# Where a mart runs: a connection (staged for that mart alone) or a Session on one.
Source = duckdb.DuckDBPyConnection | Session


def _run(
    source: Source,
    name: str,
    params: Mapping[str, Any],
    schema: Mapping[str, type[pl.DataType]],
    region: RegionScope,
    scope: Scope | None = None,
    view: str = "quota_days",
) -> pl.DataFrame:
    """Run one mart inside the region, reading `view` over the scope if given (a mart without
    one binds the region itself); an empty result still has its columns."""
    session = source if isinstance(source, Session) else Session(source)
    con = session.con
    try:
        if scope is not None:
            session.stage(scope, view, params["as_of"], region)
        else:
            params = {**params, **region.params()}
        text = session.inline(sql(name), view) if scope is not None else sql(name)
        bound = {**params, **session.params(view)} if scope is not None else dict(params)
        cur = con.execute(text, bound)  # bound once (a relation binds twice)
        columns = [d[0] for d in cur.description or ()]
        rows = cur.fetchall()
        if columns != list(schema):  # the file and this module must agree
            raise RuntimeError(f"{name}.sql returns {columns}, expected {list(schema)}")
    except duckdb.Error as exc:
        raise WarehouseUnavailable(
            _db_path(con),
            f"the warehouse cannot answer the {name} query ({exc}). Rebuild it with "
            "`python -m etl demo --replace` or load the files again.",
        ) from None
    finally:
        if scope is not None and session is not source:
            session.close()
    # fetchall, not Arrow: the few rows of a mart do not pay for importing pyarrow (~0.2 s)
    return pl.DataFrame(rows, schema=pl.Schema(schema), orient="row")


def _db_path(con: duckdb.DuckDBPyConnection) -> str:
    rows = con.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchall()
    return str(rows[0][0]) if rows and rows[0][0] else "warehouse"


def quota_counts(con: Source, scope: Scope, as_of: date, region: RegionScope) -> pl.DataFrame:
    """quota_id, trained, certified, employed, window_trained, window_certified, window_employed.

    The window is the RUN_RATE_DAYS days ending at as_of (inclusive).
    """
    window = as_of - timedelta(days=RUN_RATE_DAYS - 1)
    schema = {"quota_id": pl.String, **COUNTS, **{f"window_{k}": v for k, v in COUNTS.items()}}
    params = {"as_of": as_of, "window_start": window}
    return _run(con, "quota_counts", params, schema, region, scope)


def quota_month_counts(con: Source, scope: Scope, as_of: date, region: RegionScope) -> pl.DataFrame:
    """quota_id, month (first day), trained, certified, employed and the run-rate window's
    window_trained, window_certified, window_employed: quota_counts, quota_months and
    quota_years in one run (their sums by quota, the rows, their sums by year)."""
    window = as_of - timedelta(days=RUN_RATE_DAYS - 1)
    schema = {
        "quota_id": pl.String,
        "month": pl.Date,
        **COUNTS,
        **{f"window_{k}": v for k, v in COUNTS.items()},
    }
    params = {"as_of": as_of, "window_start": window}
    return _run(con, "quota_month_counts", params, schema, region, scope)


def retention_pending(con: Source, scope: Scope, as_of: date, region: RegionScope) -> pl.DataFrame:
    """quota_id, pending: people placed whose job is not yet kept as long as the quota asks."""
    schema = {"quota_id": pl.String, "pending": pl.Int64}
    params = {"as_of": as_of}
    return _run(con, "retention_pending", params, schema, region, scope, "filtered_facts")


def quota_years(con: Source, scope: Scope, as_of: date, region: RegionScope) -> pl.DataFrame:
    """quota_id, year, trained, certified, employed."""
    schema = {"quota_id": pl.String, "year": pl.Int32, **COUNTS}
    return _run(con, "quota_years", {"as_of": as_of}, schema, region, scope)


def quota_months(con: Source, scope: Scope, as_of: date, region: RegionScope) -> pl.DataFrame:
    """quota_id, month (first day), trained, certified, employed."""
    schema = {"quota_id": pl.String, "month": pl.Date, **COUNTS}
    return _run(con, "quota_months", {"as_of": as_of}, schema, region, scope)


def region_counts(con: Source, scope: Scope, as_of: date, region: RegionScope) -> pl.DataFrame:
    """quota_id, city, county, town, trained, certified, employed."""
    places = dict.fromkeys(("city", "county", "town"), pl.String)
    schema = {"quota_id": pl.String, **places, **COUNTS}
    return _run(con, "region_counts", {"as_of": as_of}, schema, region, scope, "quota_facts")


def place_months(con: Source, scope: Scope, as_of: date, region: RegionScope) -> pl.DataFrame:
    """quota_id, city, county, town, month (first day), trained, certified, employed: what
    region_counts counts, by month."""
    places = dict.fromkeys(("city", "county", "town"), pl.String)
    schema = {"quota_id": pl.String, **places, "month": pl.Date, **COUNTS}
    return _run(con, "place_months", {"as_of": as_of}, schema, region, scope, "quota_facts")


def _year(year: int) -> dict[str, date]:
    return {"year_start": date(year, 1, 1), "year_end": date(year, 12, 31)}


def institution_years(con: Source, year: int, region: RegionScope) -> pl.DataFrame:
    """institution, trained, certified, employed over every record that ended in `year`."""
    schema = {"institution": pl.String, **COUNTS}
    return _run(con, "institution_years", _year(year), schema, region)


def institution_programmes(
    con: Source, year: int, region: RegionScope, as_of: date | None = None
) -> pl.DataFrame:
    """institution, programme_id, trained, certified, employed of the records that ended in
    year inside the region, up to the as-of date if given."""
    schema = {"institution": pl.String, "programme_id": pl.String, **COUNTS}
    end = date(year, 12, 31)
    params = {"year_start": date(year, 1, 1), "until": min(end, as_of) if as_of else end}
    return _run(con, "institution_programmes", params, schema, region)
