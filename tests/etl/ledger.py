"""Helpers for building hostile little ledgers in tests."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from etl.read import ROW, SourceTable, find_header

TODAY = date(2026, 11, 22)
HEADERS = ["序号", "姓名", "身份证号", "培训项目", "开班日期", "结业日期", "是否取证", "是否就业"]
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(n: int = 0, prefix: str = "522601", birth: str = "19900101") -> str:
    """A valid GB 11643 ID number; n varies the sequence part."""
    body = f"{prefix}{birth}{n % 1000:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _W, strict=True)) % 11]


def wrong_check(id18: str) -> str:
    """The same ID with a wrong check character."""
    return id18[:17] + ("0" if id18[17] != "0" else "1")


def row(n: int = 0, **cells: str | None) -> list[str | None]:
    """One valid Kaili 贵州技工 row under HEADERS, with cells overridden by header name."""
    base: dict[str, str | None] = {
        "序号": str(n + 1),
        "姓名": f"张{'三四五六七八九十'[n % 8]}",
        "身份证号": make_id(n),
        "培训项目": "贵州技工",
        "开班日期": "2024-03-05",
        "结业日期": "2024-03-20",
        "是否取证": "是",
        "是否就业": "否",
    }
    base.update(cells)
    return [base[h] for h in HEADERS]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str | None]],
    headers: Sequence[str] = HEADERS,
    title: Sequence[Sequence[str]] = (),
    encoding: str = "utf-8",
) -> Path:
    """A CSV with optional title rows above the header."""
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        for t in title:
            w.writerow(t)
        w.writerow(headers)
        for r in rows:
            w.writerow(["" if c is None else c for c in r])
    return path


def table(rows: Sequence[Sequence[str | None]], headers: Sequence[str] = HEADERS) -> SourceTable:
    """An in-memory SourceTable, as the CSV reader would make it."""
    _, mapping = find_header(Path("test.csv"), [list(headers)])
    width = len(headers)
    data = {f"c{i}": [r[i] if i < len(r) else None for r in rows] for i in range(width)}
    frame = pl.DataFrame(data, schema={f"c{i}": pl.String for i in range(width)}).with_columns(
        pl.int_range(2, len(rows) + 2, dtype=pl.Int32).alias(ROW)
    )
    return SourceTable(
        file=Path("test.csv"),
        sheet=None,
        frame=frame.lazy(),
        headers=list(headers),
        mapping={f"c{i}": f for i, f in mapping.items()},
        header_row=1,
    )


def query(db: Path, sql: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
    """Rows of a read-only query on a warehouse."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """The warehouse's content, without batch ids and times: for comparing two warehouses."""
    return {
        "records": query(
            db,
            "select * exclude (batch_id, source_row, source_sheet) from records order by all",
        ),
        "summary": query(
            db,
            "select programme_id, town, institution, month, sum(trained), sum(certified), "
            "sum(employed) from summary group by all order by all",
        ),
    }
