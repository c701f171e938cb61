"""The input files of bench/scale.py, made once from the demo generator and kept in bench/out/.

    ledger-<rows>.csv           UTF-8, one layout for all five regions (bench.etl_load.ledger)
    ledger-<rows>-gb18030.csv   the same text in GB18030
    ledger-<rows>.parquet       the same cells, every column text
    ledger-<rows>.xlsx          the first <rows> rows of the 3M ledger, one sheet, text cells
                                (shared strings, as Excel writes them)

Large ledgers are generated in pieces of PIECE rows (seeds 1, 2, …) and appended, so that making
the 10-million-row file never holds more than one piece in memory.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import xlsxwriter

from bench.etl_load import OUT, files, ledger

PIECE = 2_500_000
SINGLE = 3_000_000  # up to this many rows, one piece (seed 1)


def csv_files(rows: int) -> tuple[Path, Path]:
    """(UTF-8, GB18030) ledgers of `rows` rows; bench.etl_load's own files up to SINGLE rows."""
    if rows <= SINGLE:
        return files(rows)  # one piece, seed 1: the very files bench.etl_load measures
    OUT.mkdir(parents=True, exist_ok=True)
    utf8, gb = OUT / f"ledger-{rows}.csv", OUT / f"ledger-{rows}-gb18030.csv"
    if not utf8.exists():
        partial = utf8.with_suffix(".partial")
        columns: list[str] | None = None
        with partial.open("wb") as f:
            for seed, start in enumerate(range(0, rows, PIECE), start=1):
                piece = ledger(min(PIECE, rows - start), seed)
                columns = columns or piece.columns
                piece.select(columns).write_csv(f, include_header=seed == 1)
                print(f"  {utf8.name}: {start + piece.height:,} rows", flush=True)
        partial.rename(utf8)
    if not gb.exists():
        partial = gb.with_suffix(".partial")
        with utf8.open(encoding="utf-8") as src, partial.open("w", encoding="gb18030") as dst:
            while chunk := src.read(1 << 24):
                dst.write(chunk)
        partial.rename(gb)
    return utf8, gb


def parquet_file(rows: int) -> Path:
    """The UTF-8 ledger's cells as Parquet, every column text (streamed, not held in memory)."""
    path = OUT / f"ledger-{rows}.parquet"
    if not path.exists():
        utf8, _ = csv_files(rows)
        partial = path.with_suffix(".partial")
        pl.scan_csv(utf8, infer_schema=False).sink_parquet(partial)
        partial.rename(path)
    return path


def xlsx_file(rows: int, source_rows: int = 3_000_000) -> Path:
    """The first `rows` rows of the source ledger as one sheet of text cells (a bureau's export)."""
    path = OUT / f"ledger-{rows}.xlsx"
    if not path.exists():
        utf8, _ = csv_files(source_rows)
        frame = pl.read_csv(utf8, infer_schema=False, n_rows=rows)
        partial = path.with_suffix(".partial.xlsx")
        # Shared strings, as Excel itself writes them (constant_memory would write inline ones).
        options = {"strings_to_numbers": False}
        with xlsxwriter.Workbook(str(partial), options) as wb:
            ws = wb.add_worksheet("台账")
            ws.write_row(0, 0, frame.columns)
            for i, row in enumerate(frame.iter_rows(), start=1):
                ws.write_row(i, 0, ["" if v is None else v for v in row])
        partial.rename(path)
    return path
