"""Reading source files into tables of text cells, with the header row found under title rows."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl

from etl import transcode
from etl.exceptions import HeaderNotFound, UnreadableFile
from etl.fields import ALIAS_TO_FIELD, ALIASES, REQUIRED, Field, normalise_header

FORMATS = (".csv", ".xlsx", ".parquet")
HEADER_SEARCH_ROWS = 50  # title rows, 填报单位 lines and merged cells sit above the header
ROW = "__row"  # 1-based row number in the file or sheet
ID_NUMERIC = "__id_numeric"  # the ID cell was a number (XLSX numeric cell, Parquet number column)
_SNIFF_BYTES = 1 << 20


@dataclass
class SourceTable:
    """One table of a source file: text cells in columns c0…cN beside __row (and __id_numeric)."""

    file: Path
    sheet: str | None
    frame: pl.LazyFrame
    headers: list[str]  # the header cells as written, one per column c0…cN
    mapping: dict[str, Field]  # column name (c3) → canonical field
    header_row: int  # 1-based row number of the header row
    rows_hint: int | None = None  # estimated data rows, for the progress bar
    cleanup: list[Path] = field(default_factory=list)  # temporary files to delete after reading


def read_tables(path: Path) -> Iterator[SourceTable]:
    """Yield the tables of a file: one for CSV and Parquet, one per sheet with a header for XLSX."""
    if not path.is_file():
        raise UnreadableFile(path, "file not found.")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield _read_csv(path)
    elif suffix == ".xlsx":
        yield from _read_xlsx(path)
    elif suffix == ".parquet":
        yield _read_parquet(path)
    else:
        raise UnreadableFile(
            path, f"unknown format {suffix or '(none)'}; accepted: {', '.join(FORMATS)}."
        )


def detect_encoding(path: Path) -> str:
    """'utf-8-sig', 'utf-8' or 'gb18030' from the first megabyte; never guessed beyond those."""
    with path.open("rb") as f:
        head = f.read(_SNIFF_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)("strict").decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    raise UnreadableFile(
        path, "the text is neither UTF-8 nor GBK/GB18030. Save it as UTF-8 CSV and load again."
    )


def transcode_to_utf8(path: Path, encoding: str) -> Path:
    """Decode the whole file strictly into a temporary UTF-8 file (etl.transcode, in parallel)."""
    try:
        return transcode.transcode_to_utf8(path, encoding)
    except transcode.DecodeFailed as e:
        raise UnreadableFile(
            path,
            f"not valid {encoding.upper()} at byte {e.offset}; "
            "the file may be damaged or in another encoding. Save it as UTF-8 CSV and load again.",
        ) from e


def find_header(path: Path, rows: list[list[str | None]]) -> tuple[int, dict[int, Field]]:
    """Index of the first row carrying every required field, and its column → field map."""
    best: tuple[int, list[str]] = (0, [])
    for i, row in enumerate(rows):
        mapping: dict[int, Field] = {}
        for col, cell in enumerate(row):
            fld = ALIAS_TO_FIELD.get(normalise_header(cell))
            if fld is not None and fld not in mapping.values():
                mapping[col] = fld
        if all(f in mapping.values() for f in REQUIRED):
            return i, mapping
        if len(mapping) > best[0]:
            best = (len(mapping), [c or "" for c in row])
    found = best[1] or next(([c or "" for c in r] for r in rows if any(r)), [])
    present = {ALIAS_TO_FIELD.get(normalise_header(c)) for c in found}
    missing: dict[str, tuple[str, ...]] = {f: ALIASES[f] for f in REQUIRED if f not in present}
    raise HeaderNotFound(path, found, missing)


def _table(
    path: Path,
    sheet: str | None,
    frame: pl.LazyFrame,
    header: list[str | None],
    mapping: dict[int, Field],
    header_row: int,
) -> SourceTable:
    return SourceTable(
        file=path,
        sheet=sheet,
        frame=frame,
        headers=[h or "" for h in header],
        mapping={f"c{i}": f for i, f in mapping.items()},
        header_row=header_row,
    )


def _read_csv(path: Path) -> SourceTable:
    encoding = detect_encoding(path)
    source, cleanup = path, []
    if encoding == "gb18030":
        source = transcode_to_utf8(path, encoding)
        cleanup.append(source)
    with source.open(encoding="utf-8-sig", newline="") as f:
        head = list(_head_rows(f))
    idx, mapping = find_header(path, head)
    header = head[idx]
    width = len(header)
    frame = pl.scan_csv(
        source,
        has_header=False,
        infer_schema=False,
        skip_rows=idx,
        truncate_ragged_lines=True,
        new_columns=[f"c{i}" for i in range(width)],
        row_index_name=ROW,
        row_index_offset=idx + 1,
        raise_if_empty=False,
    ).filter(pl.col(ROW) > idx + 1)  # the header row itself
    table = _table(path, None, frame, list(header), mapping, idx + 1)
    table.rows_hint = _estimate_rows(source)
    table.cleanup = cleanup
    return table


def _estimate_rows(path: Path) -> int:
    with path.open("rb") as f:
        head = f.read(_SNIFF_BYTES)
    lines = max(head.count(b"\n"), 1)
    return int(path.stat().st_size / (len(head) / lines)) if head else 0


def _head_rows(f: io.TextIOBase) -> Iterator[list[str | None]]:
    reader = csv.reader(f)
    try:
        for i, row in enumerate(reader):
            if i >= HEADER_SEARCH_ROWS:
                return
            yield list(row)
    except (csv.Error, UnicodeDecodeError):
        return


def _cell_kinds(path: Path, sheet: str) -> pl.DataFrame:
    """Every cell of the sheet read as boolean: non-null only where Excel stored a number (or a
    boolean). That is how a numeric ID cell, already rounded to 15 digits, is told from a text
    one. Its own reader, so that it parses the sheet in parallel with the text (_read_xlsx)."""
    reader = fastexcel.read_excel(str(path))
    return reader.load_sheet(sheet, header_row=None, dtypes="boolean", skip_rows=0).to_polars()


def _read_xlsx(path: Path) -> Iterator[SourceTable]:
    try:
        reader = fastexcel.read_excel(str(path))
    except Exception as e:  # fastexcel raises its own and OSError types for damaged files
        raise UnreadableFile(path, f"not a readable XLSX workbook ({e}).") from e
    found, first_error = False, None
    with ThreadPoolExecutor(1) as pool:
        for name in reader.sheet_names:
            kinds_of = pool.submit(_cell_kinds, path, name)  # the sheet parsed twice, at once
            sheet = reader.load_sheet(name, header_row=None, dtypes="string", skip_rows=0)
            text = sheet.to_polars()
            if text.height == 0:
                kinds_of.result()
                continue
            head = [list(r) for r in text.head(HEADER_SEARCH_ROWS).iter_rows()]
            try:
                idx, mapping = find_header(path, head)
            except HeaderNotFound as e:
                kinds_of.result()
                first_error = first_error or e
                continue
            found = True
            text.columns = [f"c{i}" for i in range(text.width)]
            id_col = next(i for i, f in mapping.items() if f == "id_number")
            kinds = kinds_of.result()
            frame = (
                text.with_columns(
                    pl.int_range(1, text.height + 1, dtype=pl.Int32).alias(ROW),
                    kinds.to_series(id_col).is_not_null().alias(ID_NUMERIC),
                )
                .slice(idx + 1)
                .lazy()
            )
            table = _table(path, name, frame, head[idx], mapping, idx + 1)
            table.rows_hint = text.height - idx - 1
            yield table
    if not found:
        if first_error is not None:
            raise first_error
        raise UnreadableFile(path, "the workbook has no rows.")


def _read_parquet(path: Path) -> SourceTable:
    try:
        schema = pl.scan_parquet(path).collect_schema()
    except Exception as e:  # polars raises ComputeError/OSError variants for damaged files
        raise UnreadableFile(path, f"not a readable Parquet file ({e}).") from e
    names = list(schema.names())
    idx, mapping = find_header(path, [list(names)])
    id_col = names[next(i for i, f in mapping.items() if f == "id_number")]
    # with_row_index streams; an int_range over pl.len() would hold the whole file in memory
    frame = (
        pl.scan_parquet(path)
        .with_row_index(ROW, offset=2)
        .select(
            *[pl.col(n).cast(pl.String).alias(f"c{i}") for i, n in enumerate(names)],
            pl.col(ROW).cast(pl.Int32),
            pl.lit(schema[id_col].is_numeric()).alias(ID_NUMERIC),
        )
    )
    table = _table(path, None, frame, list(names), mapping, idx + 1)
    table.rows_hint = pl.scan_parquet(path).select(pl.len()).collect().item()
    return table
