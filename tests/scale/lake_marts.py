"""The progress marts to compare across engines: each with its parameters, and DuckDB's answer.

Every engine runs the same files of targets/sql/ over the same tables (`records`, `summary`) and
the same quota scope (targets/scope.py); only how the tables are reached differs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from catalogue.region_scope import EVERYWHERE, RegionScope
from catalogue.scope import Scope
from targets import marts


@dataclass(frozen=True)
class Lake:
    """A fixture warehouse and the dataset `python -m etl export --parquet` made of it."""

    warehouse: Path
    root: Path
    summary: dict[str, Any]  # the CLI's --json output
    keyed: Path  # the same warehouse exported with a lake key (records carry person_key)


AS_OF = (date(2019, 6, 30), date(2021, 12, 31), date(2025, 9, 30), date(2026, 11, 22))
YEARS = (2019, 2021, 2023, 2024, 2025)

Run = Callable[[duckdb.DuckDBPyConnection, Scope], pl.DataFrame]


@dataclass(frozen=True)
class Case:
    """One mart at one set of parameters."""

    mart: str
    params: dict[str, date | str | None]
    scoped: bool  # reads the quota scope (stg_quota_scope and the staging views)
    duck: Run  # the product's own call (targets.marts)

    @property
    def id(self) -> str:
        return f"{self.mart}-{next(iter(self.params.values()))}"


def _as_of(
    mart: str,
    fn: Callable[[duckdb.DuckDBPyConnection, Scope, date, RegionScope], pl.DataFrame],
) -> list[Case]:
    out = []
    for day in AS_OF:
        params = {"as_of": day}
        if mart == "quota_counts":
            params["window_start"] = day - timedelta(days=marts.RUN_RATE_DAYS - 1)
        out.append(
            Case(mart, params, True, lambda con, scope, d=day: fn(con, scope, d, EVERYWHERE))
        )
    return out


def _year(
    mart: str, fn: Callable[[duckdb.DuckDBPyConnection, int, RegionScope], pl.DataFrame]
) -> list[Case]:
    end = "until" if mart == "institution_programmes" else "year_end"  # the file's parameter
    return [
        Case(
            mart,
            {"year_start": date(y, 1, 1), end: date(y, 12, 31), **EVERYWHERE.params()},
            False,
            lambda con, scope, y=y: fn(con, y, EVERYWHERE),
        )
        for y in YEARS
    ]


CASES: list[Case] = [
    *_as_of("quota_counts", marts.quota_counts),
    *_as_of("quota_years", marts.quota_years),
    *_as_of("quota_months", marts.quota_months),
    *_as_of("region_counts", marts.region_counts),
    *_year("institution_years", marts.institution_years),
    *_year("institution_programmes", marts.institution_programmes),
]


def in_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows sorted on every column (marts promise no order), nulls first."""
    return frame.sort(frame.columns, nulls_last=False)


def lake_connection(lake: Path, people_by_key: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose `records` and `summary` are views over the Parquet dataset, and
    `summary_days` (which the lake does not keep; a warehouse does) the summary summed by day.

    The lake's ID numbers are masked (first 6 + last 4 collide between people), so a consumer
    that counts people (the 人 / 名 quotas) reads a keyed export's person_key as the person:
    `people_by_key` puts it in id_number's place, as docs/SCALING.md tells a national job to."""
    con = duckdb.connect()
    for table in ("records", "summary"):
        # A view cannot hold a bound parameter: the path (the test's own) is quoted instead.
        pattern = str(lake / table / "**" / "*.parquet").replace("'", "''")
        person = (
            " replace (person_key as id_number)" if people_by_key and table == "records" else ""
        )
        con.execute(
            f"create view {table} as "
            f"select *{person} from read_parquet('{pattern}', hive_partitioning = true)"
        )
    days = marts.sql("summary_days").replace("$until", "date '9999-12-31'")  # every day
    for name in EVERYWHERE.params():  # every region: no level of the user's region is set
        days = days.replace(f"${name}", "null")
    con.execute(f"create view summary_days as {days}")
    return con
