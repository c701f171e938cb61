"""Staging one table of a file: validated chunk by chunk, streamed into `records` by one INSERT."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

import duckdb
import polars as pl
import pyarrow as pa

from catalogue.loader import Catalogue
from etl.exceptions import UnreadableFile
from etl.pipeline import RECORD_COLUMNS, prepare
from etl.read import SourceTable
from etl.statements import sql

CHUNK_ROWS = 160_000
WORKERS = 2  # chunks validated at once; the machine has two cores
ROW_GROUP = 122_880  # DuckDB's row group: one record batch each
# Called with (file name, rows read so far, estimated total rows or None).
Progress = Callable[[str, int, int | None], None]


@dataclass
class Staged:
    """What a table contributed: counts, first reasons, and its rejected rows (raw JSON)."""

    rows: int = 0
    skipped: int = 0
    first: Counter[str] = field(default_factory=Counter)
    rejected: list[pl.DataFrame] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        return sum(f.height for f in self.rejected)


@dataclass
class _Part:
    ok: pl.DataFrame
    rejected: pl.DataFrame
    rows: int
    skipped: int


def _unique_names(headers: Sequence[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for i, h in enumerate(headers):
        name = " ".join(h.split()) or f"列{i + 1}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _extra_json(table: SourceTable) -> pl.Expr:
    """Uninterpreted columns (序号, 备注, …) as one JSON object, null when all are empty."""
    extras = [f"c{i}" for i in range(len(table.headers)) if f"c{i}" not in table.mapping]
    if not extras:
        return pl.lit(None, dtype=pl.String)
    names = _unique_names([table.headers[int(c[1:])] for c in extras])
    obj = pl.struct([pl.col(c).alias(n) for c, n in zip(extras, names, strict=True)])
    empty = pl.all_horizontal([pl.col(c).is_null() for c in extras])
    return pl.when(empty).then(None).otherwise(obj.struct.json_encode())


def _raw_json(table: SourceTable) -> pl.Expr:
    cols = [f"c{i}" for i in range(len(table.headers))]
    names = _unique_names(table.headers)
    obj = pl.struct([pl.col(c).alias(n) for c, n in zip(cols, names, strict=True)])
    return obj.struct.json_encode()


def _split(chunk: pl.DataFrame, table: SourceTable, cat: Catalogue, today: date) -> _Part:
    """A chunk of raw cells → its valid rows (typed) and its rejected rows (raw JSON)."""
    batch = prepare(chunk, table, cat, today)
    status = batch.get_column("status")
    ok = batch.filter(status == "ok").select(
        pl.lit(table.sheet, dtype=pl.String).alias("source_sheet"),
        "source_row",
        *RECORD_COLUMNS,
        _extra_json(table).alias("extra"),
    )
    rejected = batch.filter(status == "rejected").select(
        pl.lit(table.sheet, dtype=pl.String).alias("sheet"),
        "source_row",
        pl.col("reasons").list.first().alias("first_reason"),
        "reasons",
        _raw_json(table).alias("raw"),
    )
    return _Part(ok, rejected, batch.height, int((status == "skipped").sum()))


def _produce(
    table: SourceTable, cat: Catalogue, today: date, out: queue.Queue[_Part | BaseException | None]
) -> None:
    """Read and validate chunks, WORKERS at a time, and queue them in file order."""
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            pending: deque[Future[_Part]] = deque()
            for chunk in table.frame.collect_batches(chunk_size=CHUNK_ROWS):
                pending.append(pool.submit(_split, chunk, table, cat, today))
                while len(pending) > WORKERS:
                    out.put(pending.popleft().result())
            while pending:
                out.put(pending.popleft().result())
        out.put(None)
    except pl.exceptions.PolarsError as e:
        out.put(UnreadableFile(table.file, f"cannot be read as CSV ({e}). Nothing was loaded."))
    except BaseException as e:  # handed to the consumer, which re-raises it
        out.put(e)


def stage_table(
    con: duckdb.DuckDBPyConnection,
    table: SourceTable,
    batch_id: str,
    cat: Catalogue,
    today: date,
    progress: Progress | None = None,
) -> Staged:
    """Insert a table's valid rows into `records` (duplicates included; see dedupe_batch.sql).

    Reading and validation run in background threads; one INSERT consumes their output as an
    Arrow stream, so DuckDB writes while Polars validates the next chunks.
    """
    staged = Staged()
    failure: list[BaseException] = []
    parts: queue.Queue[_Part | BaseException | None] = queue.Queue(maxsize=WORKERS)
    producer = threading.Thread(target=_produce, args=(table, cat, today, parts), daemon=True)
    producer.start()

    def take() -> _Part | None:
        part = parts.get()
        if isinstance(part, BaseException):
            failure.append(part)
            raise part
        if part is not None:
            staged.rows += part.rows
            staged.skipped += part.skipped
            if part.rejected.height:
                staged.rejected.append(part.rejected)
                staged.first.update(part.rejected.get_column("first_reason").to_list())
            if progress:
                hint = table.rows_hint
                progress(table.file.name, staged.rows, max(hint, staged.rows) if hint else None)
        return part

    try:
        first = take()
        if first is None:
            return staged
        schema = first.ok.to_arrow(compat_level=pl.CompatLevel.newest()).schema

        def batches() -> Iterator[pa.RecordBatch]:
            part: _Part | None = first
            while part is not None:
                if part.ok.height:
                    arrow = part.ok.to_arrow(compat_level=pl.CompatLevel.newest())
                    yield from arrow.cast(schema).to_batches(max_chunksize=ROW_GROUP)
                part = take()

        con.register("incoming", pa.RecordBatchReader.from_batches(schema, batches()))
        try:
            con.execute(sql("insert_batch"), {"batch_id": batch_id})
        except duckdb.Error:
            if failure:  # the stream failed: raise what failed, not DuckDB's wrapper of it
                raise failure[0] from None
            raise
        finally:
            con.unregister("incoming")
    finally:
        while producer.is_alive():  # unblock and finish the producer on any exit
            with contextlib.suppress(queue.Empty):
                parts.get(timeout=0.1)
        producer.join()
    return staged
