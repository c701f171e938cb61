"""The progress marts are portable: Spark over the Parquet export answers as DuckDB over the
warehouse, for every mart at several as-of dates and years.

Needs PySpark and SQLGlot (`pip install -r requirements-spark.txt`) and Java 17+; skipped, with
the reason, where they are missing. Run it with `pytest tests/scale`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

pytest.importorskip(
    "pyspark", reason="PySpark is not installed: pip install -r requirements-spark.txt"
)
pytest.importorskip(
    "sqlglot", reason="SQLGlot is not installed: pip install -r requirements-spark.txt"
)
if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17+ on PATH", allow_module_level=True)

from conftest import Lake
from lake_marts import AS_OF, CASES, Case, in_order
from polars.testing import assert_frame_equal
from spark_lake import register_lake, run_mart, session, stage_scope

from catalogue.loader import load_catalogue
from targets.scope import build_scope

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spark(lake: Lake) -> Iterator[Any]:
    s = session()
    register_lake(s, lake.root)
    stage_scope(s, build_scope(load_catalogue()), until=max(AS_OF))
    yield s
    s.stop()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_spark_answers_as_duckdb(lake: Lake, spark: Any, case: Case) -> None:
    con = duckdb.connect(str(lake.warehouse), read_only=True)
    try:
        expected = case.duck(con, build_scope(load_catalogue()))
    finally:
        con.close()
    got = run_mart(spark, case.mart, case.params, expected.schema)
    assert_frame_equal(in_order(got), in_order(expected))


def test_the_fixture_exercises_every_kind_of_quota(lake: Lake, spark: Any) -> None:
    """Filtered quotas (read from records), sums and own roll-ups all have counts."""
    [case] = [
        c for c in CASES if c.mart == "quota_counts" and str(c.params["as_of"]) == "2026-11-22"
    ]
    con = duckdb.connect(str(lake.warehouse), read_only=True)
    try:
        counts = case.duck(con, build_scope(load_catalogue()))
    finally:
        con.close()
    trained = dict(zip(counts["quota_id"], counts["trained"], strict=True))
    assert trained["kaili-2024/foshan-order/foshan-placement"] > 0  # a filtered quota
    assert trained["zhejiang-2021"] > 1000  # a sum over sub-plans
    assert trained["kaili-2024"] > 0
