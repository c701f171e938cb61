"""The progress marts are portable: Spark over the Parquet export answers as DuckDB over the
warehouse, for every mart at several as-of dates and years.

Needs PySpark and SQLGlot (`pip install -r requirements-spark.txt`) and Java 17+; skipped, with
the reason, where they are missing — except in CI (CI=true, as .ci/run runs), where a missing
piece fails the run instead, so the claim cannot rot unseen. Run it with `pytest tests/scale`.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
MISSING = [
    reason
    for missing, reason in (
        (importlib.util.find_spec("pyspark") is None, "PySpark is not installed"),
        (importlib.util.find_spec("sqlglot") is None, "SQLGlot is not installed"),
        (shutil.which("java") is None, "Spark needs Java 17+ on PATH"),
    )
    if missing
]
if MISSING:
    why = "; ".join(MISSING) + " (pip install -r requirements-spark.txt; openjdk-17-jre-headless)"
    if IN_CI:
        pytest.fail(f"CI must run the Spark test: {why}", pytrace=False)
    pytest.skip(why, allow_module_level=True)

from polars.testing import assert_frame_equal  # noqa: E402 (after the check)

from catalogue.loader import load_catalogue  # noqa: E402 (after the check)
from catalogue.scope import build_scope  # noqa: E402 (after the check)
from tests.scale.lake_marts import AS_OF, CASES, Case, Lake, in_order  # noqa: E402 (after the check)
from tests.scale.spark_lake import register_lake, run_mart, session, stage_scope  # noqa: E402 (after the check)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spark(lake: Lake) -> Iterator[Any]:
    s = session()
    register_lake(s, lake.keyed, people_by_key=True)
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
