"""The progress marts on Apache Spark over the Parquet lake: the reference runner for national
roll-ups (docs/SCALING.md), and what tests/scale/test_spark_marts.py checks against DuckDB.

The files of targets/sql/ are run as they are, after SQLGlot has transpiled them from DuckDB's
dialect to Spark's. On these files the dialects differ only in parameter markers (`$as_of` in
DuckDB, `:as_of` in Spark); Spark 4 reads the rest — `::` casts, `count(*) filter (where …)`,
`contains()`, `date_trunc()` — as DuckDB does. The one DuckDB idiom left out is quota_scope.sql,
which unnests a bound list of structs: on Spark the scope is a DataFrame of the same rows.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path

import polars as pl
import sqlglot
from pyspark.sql import SparkSession

from catalogue.region_scope import EVERYWHERE
from catalogue.scope import SCOPE_SCHEMA, Scope
from targets import marts

_SPARK_TYPES = {
    pl.String: "string",
    pl.Date: "date",
    pl.Boolean: "boolean",
    pl.Int32: "int",
    pl.Int64: "bigint",
}


def session() -> SparkSession:
    """A local Spark on one core, quiet, with small shuffles (the fixture is small)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("skilltrack-marts")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@cache
def spark_sql(name: str) -> str:
    """targets/sql/<name>.sql in Spark's dialect."""
    [text] = sqlglot.transpile(marts.sql(name), read="duckdb", write="spark")
    return text


def register_lake(spark: SparkSession, lake: Path, people_by_key: bool = False) -> None:
    """`records` and `summary` as views over the dataset (province and year from the paths);
    with `people_by_key`, a keyed export's person_key stands for the person (the lake's ID
    numbers are masked), and the people the loads keep are empty (people_facts counts every
    人 / 名 quota from records, as targets.marts does over a source without them)."""
    for table in ("records", "summary"):
        frame = spark.read.parquet(str(lake / table))
        if people_by_key and table == "records":
            frame = frame.withColumn("id_number", frame["person_key"])
        frame.createOrReplaceTempView(table)
    for table, columns in marts.PEOPLE_TABLES.items():
        ddl = columns.replace("varchar", "string").replace("integer", "int")
        spark.createDataFrame([], schema=ddl).createOrReplaceTempView(table)


def stage_scope(spark: SparkSession, scope: Scope, until: date) -> None:
    """What targets.marts.Session stages, for marts up to the as-of date `until`: the scope's
    table, the summary's daily totals (summary_days.sql) and the staging views over them."""
    ddl = ", ".join(f"{c} {_SPARK_TYPES[t]}" for c, t in SCOPE_SCHEMA.items())
    rows = [tuple(r) for r in scope.frame.select(list(SCOPE_SCHEMA)).iter_rows()]
    spark.createDataFrame(rows, schema=ddl).createOrReplaceTempView(marts.SCOPE_TABLE)
    # every region: the user's region as region_scope.sql stages it, no level set
    region = "province string, city string, county string, town string"
    spark.createDataFrame([(None, None, None, None)], schema=region).createOrReplaceTempView(
        marts.REGION_TABLE
    )
    days = spark.sql(spark_sql("summary_days"), args={"until": until, **EVERYWHERE.params()})
    days.createOrReplaceTempView(marts.DAYS_TABLE)
    # the lake keeps no place months: the marts by place read the summary's own rows
    spark.sql(f"select {marts.PLACE_COLUMNS} from summary").createOrReplaceTempView(
        marts.PLACE_TABLE
    )
    for view in marts.STAGING:
        spark.sql(spark_sql(view)).createOrReplaceTempView(view)


def run_mart(
    spark: SparkSession, name: str, params: Mapping[str, date | str | None], schema: pl.Schema
) -> pl.DataFrame:
    """One mart with its parameters bound, as a frame of the given (DuckDB's) schema."""
    result = spark.sql(spark_sql(name), args=dict(params))
    assert result.columns == schema.names(), (result.columns, schema.names())
    return pl.DataFrame([tuple(r) for r in result.collect()], schema=schema, orient="row")
