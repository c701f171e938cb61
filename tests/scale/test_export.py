"""`python -m etl export --parquet DIR`: the layout, the counts, and the marts over the lake."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import duckdb
import pytest
from polars.testing import assert_frame_equal

from catalogue.loader import load_catalogue
from catalogue.scope import build_scope
from etl.export import hive_name
from tests.scale.lake_marts import CASES, Case, Lake, in_order, lake_connection


def _warehouse(lake: Lake, query: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(lake.warehouse), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def _partition_counts(root: Path) -> dict[tuple[str | None, int], int]:
    """Rows per (province, year) as the directory names say, read with nothing but the paths."""
    out: dict[tuple[str | None, int], int] = {}
    for f in root.rglob("*.parquet"):
        province, year = (d.split("=", 1) for d in f.parent.relative_to(root).parts)
        assert province[0] == "province" and year[0] == "year"
        key = (None if province[1] == "__HIVE_DEFAULT_PARTITION__" else province[1], int(year[1]))
        [(n,)] = duckdb.sql(f"select count(*) from read_parquet('{f}')").fetchall()
        out[key] = out.get(key, 0) + n
    return out


@pytest.mark.parametrize("table", ["records", "summary"])
def test_partitions_are_province_and_year_with_every_row(lake: Lake, table: str) -> None:
    expected = {
        (p, y): n
        for p, y, n in _warehouse(
            lake, f"select province, year(end_date), count(*) from {table} group by all"
        )
    }
    assert _partition_counts(lake.root / table) == expected
    # Province names are written as they are (UTF-8), as Spark and Hive expect, not %-encoded.
    names = {d.name for d in (lake.root / table).iterdir()}
    assert "province=浙江省" in names and "province=贵州省" in names
    assert not any("%" in n for n in names)


def test_the_json_and_manifest_count_every_table(lake: Lake) -> None:
    counts = {
        t: n
        for t, n in zip(
            ("records", "summary", "batches", "rejects"),
            _warehouse(
                lake,
                "select (select count(*) from records), (select count(*) from summary), "
                "(select count(*) from batches), (select count(*) from rejects)",
            )[0],
            strict=True,
        )
    }
    assert counts["rejects"] > 0  # the messy samples are in
    tables = lake.summary["tables"]
    assert {t: v["rows"] for t, v in tables.items()} == counts
    manifest = json.loads((lake.root / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"] == tables
    assert manifest["partition_by"] == {
        "records": ["province", "year"],
        "summary": ["province", "year"],
    }
    for t in ("batches", "rejects"):
        [(n,)] = duckdb.sql(f"select count(*) from '{lake.root / t / (t + '.parquet')}'").fetchall()
        assert n == counts[t]


def test_id_and_phone_numbers_leave_masked_and_raw_rejected_cells_stay(lake: Lake) -> None:
    [(ids, phones)] = _warehouse(
        lake, "select count(*), count(phone) from records where id_number is not null"
    )
    con = lake_connection(lake.root)
    try:
        [(n, masked, phones_masked, clear)] = con.execute(
            "select count(*), count(*) filter (where id_number like '______********____'), "
            "count(phone) filter (where regexp_matches(phone, '^[0-9]{3}[*]{4}[0-9]{4}$')), "
            "count(*) filter (where regexp_matches(id_number, '[0-9]{15}'))  from records"
        ).fetchall()
    finally:
        con.close()
    assert (n, masked, phones_masked, clear) == (ids, ids, phones, 0)
    assert phones > 0
    rejects = duckdb.sql(f"describe '{lake.root / 'rejects' / 'rejects.parquet'}'").fetchall()
    assert "raw" not in [c for c, *_ in rejects]
    con = lake_connection(lake.root)
    try:
        columns = [c for c, *_ in con.execute("describe records").fetchall()]
    finally:
        con.close()
    assert "person_key" not in columns  # no lake key given: no person_key


def test_a_lake_key_adds_person_key_that_matches_across_sources(lake: Lake, tmp_path: Path) -> None:
    key_file = tmp_path / "lake.key"
    key_file.write_text("province-secret\n", encoding="utf-8")
    out = tmp_path / "keyed"
    command = ["-m", "etl", "export", "--db", str(lake.warehouse), "--parquet", str(out)]
    done = subprocess.run(
        [sys.executable, *command, "--key-file", str(key_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [(id_number, name)] = _warehouse(
        lake, "select id_number, name from records order by id_number limit 1"
    )
    con = lake_connection(out)
    try:
        keys = con.execute(
            "select distinct person_key from records where name = ? and id_number = ?",
            [name, id_number[:6] + "********" + id_number[-4:]],
        ).fetchall()
    finally:
        con.close()
    expected = hashlib.sha256(("province-secret" + id_number).encode()).hexdigest()
    assert (expected,) in keys
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["person_key"] == "sha256(lake key || id_number)"


def test_records_keep_every_column_but_the_engine_private_hash(lake: Lake) -> None:
    con = lake_connection(lake.root)
    try:
        exported = [c for c, *_ in con.execute("describe records").fetchall()]
    finally:
        con.close()
    columns = [c for (c,) in _warehouse(lake, "select column_name from (describe records)")]
    assert exported == [c for c in columns if c not in ("key_hash", "province")] + [
        "province",
        "year",
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_marts_over_the_lake_answer_as_over_the_warehouse(lake: Lake, case: Case) -> None:
    scope = build_scope(load_catalogue())
    con = duckdb.connect(str(lake.warehouse), read_only=True)
    try:
        expected = case.duck(con, scope)
    finally:
        con.close()
    con = lake_connection(lake.keyed, people_by_key=True)
    try:
        got = case.duck(con, scope)
    finally:
        con.close()
    assert_frame_equal(in_order(got), in_order(expected))


def test_a_directory_that_is_not_empty_is_refused_and_left_alone(
    lake: Lake, tmp_path: Path
) -> None:
    out = tmp_path / "lake"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "etl", "export", "--db", str(lake.warehouse), "--parquet", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "not an empty directory" in done.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["lake"]  # no partial dataset left beside it


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("浙江省", "浙江省"),
        ("新疆维吾尔自治区", "新疆维吾尔自治区"),
        ("a/b=c", "a%2Fb%3Dc"),
        ("100%", "100%25"),
        ("x y", "x y"),
    ],
)
def test_partition_names_escape_only_what_hive_escapes(value: str, name: str) -> None:
    assert hive_name(value) == name
    assert unquote(name) == value
