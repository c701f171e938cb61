"""Loading files into the warehouse: one batch per file, one transaction, a ledger row last."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import duckdb
import polars as pl

from catalogue.loader import Catalogue, load_catalogue
from catalogue.regions import Place
from etl import audit
from etl.exceptions import UnknownRegion
from etl.fields import REASONS
from etl.people import keep_people
from etl.read import SourceTable, read_tables
from etl.stage import Progress, stage_table
from etl.statements import sql
from warehouse import scratch
from warehouse.exceptions import LoadNotDurable
from warehouse.store import exclusive, resolve, writing

# the daily totals, the per-batch places and the place months must add up to the summary's
TOTALS = ("summary_days", "summary_batches", "summary_place_months", "summary")
_TEMP_EXISTS = "select count(*) from duckdb_tables() where table_name = ? and temporary"


@dataclass
class BatchResult:
    """The contract's per-file summary; rows = loaded + duplicates + rejected + skipped."""

    file: str
    batch_id: str
    rows: int = 0
    loaded: int = 0
    duplicates: int = 0
    rejected: int = 0
    skipped: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    duplicate_of: str | None = None
    region: str | None = None  # the batch's --region, as the catalogue spells it
    # Why rows found no programme, in words (names the region and the wordings it accepts).
    messages: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("duplicate_of", "region", "messages"):
            if not out[key]:
                del out[key]
        return out


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes: the same content is recognised under any name."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def load_files(
    paths: Sequence[Path],
    db: str | Path | None = None,
    *,
    today: date | None = None,
    catalogue: Catalogue | None = None,
    progress: Progress | None = None,
    region: str | None = None,
    names: Sequence[str] | None = None,
    waiting: Callable[[str], object] | None = None,
) -> list[BatchResult]:
    """Load each file as its own batch; a file that cannot be read raises and loads nothing.

    `region` is the place the files were loaded for (临沭县, 浙江省): a record whose own cells
    name no place gets it, one whose cells name another place is rejected (region_conflict).
    UnknownRegion when the catalogue knows no such place. `names` are the files as the user
    named them (an upload is saved under a scratch path), for messages and the ledger;
    `waiting` is told when another load holds the warehouse's lock.
    """
    path = resolve(db)
    cat = catalogue or load_catalogue()
    day = today or date.today()
    batch_region = batch_place(cat, region)
    shown = list(names) if names is not None else [str(p) for p in paths]
    results = []
    with exclusive(path, waiting):
        scratch.sweep(path)  # what a killed load left behind
        for p, name in zip(paths, shown, strict=True):
            results.append(_load_one(Path(p), name, path, cat, day, progress, batch_region))
    return results


def batch_place(cat: Catalogue, region: str | None) -> Place | None:
    """The catalogue's place a --region names; UnknownRegion if it knows none."""
    if region is None or not region.strip():
        return None
    place = cat.matcher.place(region.strip())
    if place is None:
        raise UnknownRegion(region, cat.matcher.place_names())
    return place


def _append(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Append a frame to a temporary table, creating it from the first frame."""
    con.register("incoming", frame.to_arrow(compat_level=pl.CompatLevel.newest()))
    try:
        if _scalar(con, _TEMP_EXISTS, [table]):
            con.execute(f"insert into {table} by name select * from incoming")
        else:
            con.execute(f"create temp table {table} as select * from incoming")
    finally:
        con.unregister("incoming")


def _load_one(
    file: Path,
    name: str,
    path: Path,
    cat: Catalogue,
    today: date,
    progress: Progress | None,
    region: Place | None,
) -> BatchResult:
    # temporary copies (transcoded text, parsed sheets) live beside the warehouse until the end
    with scratch.scratch_dir(path) as work:
        tables = list(read_tables(file, work, name))  # an unreadable file fails before any copy
        return _stage_and_commit(file, name, tables, path, cat, today, progress, region)


def _stage_and_commit(
    file: Path,
    name: str,
    tables: list[SourceTable],
    path: Path,
    cat: Catalogue,
    today: date,
    progress: Progress | None,
    region: Place | None,
) -> BatchResult:
    batch_id = f"{datetime.now():%Y%m%dT%H%M%S}-{uuid4().hex[:8]}"
    result = BatchResult(file=Path(name).name, batch_id=batch_id)
    result.region = region.label() if region else None
    first: Counter[str] = Counter()
    messages: Counter[str] = Counter()
    with ThreadPoolExecutor(1) as pool:
        hashing = pool.submit(file_hash, file)
        with writing(path) as con:
            con.execute("begin transaction")
            for table in tables:
                staged = stage_table(con, table, batch_id, cat, today, progress, region)
                result.rows += staged.rows
                result.skipped += staged.skipped
                result.rejected += staged.rejected_rows
                first.update(staged.first)
                messages.update(staged.messages)
                for frame in staged.rejected:
                    _append(con, "stage_rejects", frame)
            sheets = [t.sheet for t in tables if t.sheet is not None]
            result.messages = dict(messages.most_common(20))
            _commit_batch(con, cat, result, first, hashing.result(), today, sheets)
    return result


def _commit_batch(
    con: duckdb.DuckDBPyConnection,
    cat: Catalogue,
    result: BatchResult,
    first: Counter[str],
    content_hash: str,
    today: date,
    sheets: list[str],
) -> None:
    params: dict[str, Any] = {"batch_id": result.batch_id}
    inserted = _scalar(con, "select count(*) from records where batch_id = ?", [result.batch_id])
    if inserted:
        con.execute(sql("dedupe_batch"), {**params, "sheets": sheets})
        con.execute(sql("insert_summary"), params)
    keep_people(con, cat, result.batch_id)
    con.execute(sql("rebuild_summary_days"))
    con.execute(sql("rebuild_summary_batches"))
    con.execute(sql("rebuild_summary_place_months"))
    con.execute(sql("insert_summary_dimensions"))
    audit.refresh(con, result.batch_id, cat)  # the subsidy audit (etl/audit.py)
    result.loaded = _scalar(
        con, "select count(*) from records where batch_id = ?", [result.batch_id]
    )
    result.duplicates = inserted - result.loaded
    result.reasons = {r: first[r] for r in REASONS if first[r]}
    earlier = con.execute(
        "select batch_id from batches where content_hash = ? order by loaded_at limit 1",
        [content_hash],
    ).fetchone()
    result.duplicate_of = earlier[0] if earlier else None
    if result.rejected and earlier is None:  # the same file's rejects are quarantined already
        con.execute(
            "insert into rejects select ?, ?, sheet, source_row, first_reason, reasons, raw "
            "from stage_rejects",
            [result.batch_id, result.file],
        )
    con.execute(
        "insert into batches values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.batch_id,
            result.file,
            content_hash,
            result.rows,
            result.loaded,
            result.duplicates,
            result.rejected,
            result.skipped,
            json.dumps(result.reasons),
            result.duplicate_of,
            datetime.now(),
            today,
        ],
    )
    con.execute("commit")
    _verify(con, result, stored_rejects=result.rejected if earlier is None else 0)


def _verify(con: duckdb.DuckDBPyConnection, result: BatchResult, stored_rejects: int) -> None:
    """DuckDB can return from COMMIT having stored nothing: check that every part landed."""
    p = [result.batch_id]
    landed = (
        _scalar(con, "select count(*) from records where batch_id = ?", p),
        _scalar(con, "select count(*) from rejects where batch_id = ?", p),
        _scalar(con, "select coalesce(sum(trained), 0) from summary where batch_id = ?", p),
        _scalar(con, "select count(*) from batches where batch_id = ?", p),
    )
    expected = (result.loaded, stored_rejects, result.loaded, 1)
    days, by_batch, by_month, summary = (
        _scalar(con, f"select coalesce(sum(trained), 0) from {t}") for t in TOTALS
    )
    by_dimension = _scalar(
        con, "select coalesce(sum(trained), 0) from summary_dimensions where batch_id = ?", p
    )
    people = _scalar(con, "select count(*) from summary_people")
    people_days = _scalar(con, "select coalesce(sum(trained), 0) from summary_people_days")
    if (
        landed != expected
        or days != summary
        or by_batch != summary
        or by_month != summary
        or by_dimension != 3 * result.loaded
        or people != people_days
    ):
        raise LoadNotDurable(
            result.file,
            f"after COMMIT the batch holds {landed} (records, rejects, summary, ledger) "
            f"instead of {expected}, the daily totals {days}, per-batch places {by_batch} and "
            f"place months {by_month} "
            f"of the summary's {summary}, "
            f"{by_dimension} counted by occupation, category and institution (3 × each) and "
            f"{people_days} people by day of the {people} kept; "
            "the warehouse was left as it was. Load the file again.",
        )


def _scalar(con: duckdb.DuckDBPyConnection, query: str, params: list[Any] | None = None) -> int:
    row = con.execute(query, params or []).fetchone()
    return int(row[0]) if row and row[0] is not None else 0
