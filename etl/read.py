"""Reading source files into tables of text cells, with the header row found under title rows."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from etl import transcode
from etl.exceptions import HeaderNotFound, UnreadableFile
from etl.fields import ALIAS_TO_FIELD, ALIASES, REQUIRED, Field, normalise_header
from etl.privacy import mask_text
from etl.sheets import WORKBOOKS, parse_workbook
from warehouse import scratch

FORMATS = (".csv", *WORKBOOKS, ".parquet")
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


def read_tables(path: Path, work: Path, display: str | None = None) -> Iterator[SourceTable]:
    """Yield the tables of a file: one for CSV and Parquet, one per sheet with a header for a
    workbook. Temporary copies go into `work` (an owner-only scratch folder: warehouse.scratch),
    which must outlive the tables; messages name the file as `display` (the name the user gave
    it)."""
    name = display or str(path)
    if not path.is_file():
        raise UnreadableFile(name, "找不到该文件。请检查路径和文件名。", en="file not found.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".parquet", *WORKBOOKS) and path.stat().st_size == 0:
        raise UnreadableFile(
            name,
            "文件是空的（0 字节），没有可导入的内容。请重新导出或另存后再导入。",
            en="the file is empty (0 bytes): nothing to load. Export or save it again.",
        )
    if suffix == ".csv":
        yield _read_csv(path, work, name)
    elif suffix in WORKBOOKS:
        yield from _read_workbook(path, work, name)
    elif suffix == ".parquet":
        yield _read_parquet(path, name)
    else:
        formats = "、".join(FORMATS)
        raise UnreadableFile(
            name,
            f"不支持的文件格式 {suffix or '（无扩展名）'}。可导入的格式：{formats}。",
            en=f"unknown format {suffix or '(none)'}; accepted: {', '.join(FORMATS)}.",
        )


def detect_encoding(path: Path, display: str | None = None) -> str:
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
        display or str(path),
        "文本既不是 UTF-8 也不是 GBK/GB18030 编码。请另存为 UTF-8 CSV 后再导入。",
        en="the text is neither UTF-8 nor GBK/GB18030. Save it as UTF-8 CSV and load again.",
    )


def transcode_to_utf8(path: Path, encoding: str, dst: Path, display: str | None = None) -> Path:
    """Decode the whole file strictly into dst as UTF-8 (etl.transcode, in parallel)."""
    try:
        return transcode.transcode_to_utf8(path, encoding, dst)
    except transcode.DecodeFailed as e:
        raise UnreadableFile(
            display or str(path),
            f"第 {e.offset} 字节处不是有效的 {encoding.upper()} 文本，文件可能已损坏或是其他编码。"
            "请另存为 UTF-8 CSV 后再导入。",
            en=f"not valid {encoding.upper()} at byte {e.offset}; "
            "the file may be damaged or in another encoding. Save it as UTF-8 CSV and load again.",
        ) from e


def find_header(path: Path | str, rows: list[list[str | None]]) -> tuple[int, dict[int, Field]]:
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
    # the row most like a header, masked; with none, no row at all: a data row's cells (IDs,
    # phones) never reach a message
    found = [mask_text(c) or "" for c in best[1]]
    present = {ALIAS_TO_FIELD.get(normalise_header(c)) for c in found}
    missing: dict[str, tuple[str, ...]] = {f: ALIASES[f] for f in REQUIRED if f not in present}
    raise HeaderNotFound(path, found, missing)


def _table(
    path: Path | str,
    sheet: str | None,
    frame: pl.LazyFrame,
    header: list[str | None],
    mapping: dict[int, Field],
    header_row: int,
) -> SourceTable:
    return SourceTable(
        file=Path(path),
        sheet=sheet,
        frame=frame,
        headers=[h or "" for h in header],
        mapping={f"c{i}": f for i, f in mapping.items()},
        header_row=header_row,
    )


def _read_csv(path: Path, work: Path, name: str) -> SourceTable:
    encoding = detect_encoding(path, name)
    source = path
    if encoding == "gb18030":
        source = transcode_to_utf8(path, encoding, scratch.new_file(work, ".csv"), name)
    if _cr_only(source):  # old Mac line ends: every line break a lone CR
        source = _cr_to_lf(source, scratch.new_file(work, ".csv"))
    with source.open(encoding="utf-8-sig", newline="") as f:
        head = list(_head_rows(f))
    idx, mapping = find_header(name, head)
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
        glob=False,  # a file's name may hold [ ] * ?: it is a name, not a pattern
    ).filter(pl.col(ROW) > idx + 1)  # the header row itself
    table = _table(name, None, frame, list(header), mapping, idx + 1)
    table.rows_hint = _estimate_rows(source)
    return table


def _cr_only(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(_SNIFF_BYTES)
    return b"\r" in head and b"\n" not in head


def _cr_to_lf(src: Path, dst: Path) -> Path:
    """src with every CR turned into LF, in dst (0x0D is never inside a UTF-8 character)."""
    with src.open("rb") as f, dst.open("wb") as out:
        while block := f.read(1 << 22):
            out.write(block.replace(b"\r", b"\n"))
    return dst


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


def _read_workbook(path: Path, work: Path, name: str) -> Iterator[SourceTable]:
    """The sheets with a header row, parsed by a limited child process (etl.sheets)."""
    found, first_error = False, None
    for sheet in parse_workbook(path, name, work):
        frame = pl.scan_ipc(sheet.file, glob=False)
        cells = [c for c in frame.collect_schema().names() if c.startswith("c")]
        head = [list(r) for r in frame.head(HEADER_SEARCH_ROWS).select(cells).collect().iter_rows()]
        try:
            idx, mapping = find_header(name, head)
        except HeaderNotFound as e:
            first_error = first_error or e
            continue
        found = True
        table = _table(name, sheet.name, frame.slice(idx + 1), head[idx], mapping, idx + 1)
        table.rows_hint = sheet.rows - idx - 1
        yield table
    if not found:
        if first_error is not None:
            raise first_error
        raise UnreadableFile(
            name,
            "工作簿中没有任何数据行。请检查是否选错了文件。",
            en="the workbook has no rows. Check that this is the right file.",
        )


def _read_parquet(path: Path, name: str) -> SourceTable:
    try:
        schema = pl.scan_parquet(path, glob=False).collect_schema()
    except Exception as e:  # polars raises ComputeError/OSError variants for damaged files
        raise UnreadableFile(
            name,
            "不是可读取的 Parquet 文件（可能已损坏，或只是改了扩展名）。请重新导出后再导入。",
            en="not a readable Parquet file (it may be damaged, or only renamed). Export it again.",
        ) from e
    names = list(schema.names())
    idx, mapping = find_header(name, [list(names)])
    id_col = names[next(i for i, f in mapping.items() if f == "id_number")]
    # with_row_index streams; an int_range over pl.len() would hold the whole file in memory
    frame = (
        pl.scan_parquet(path, glob=False)
        .with_row_index(ROW, offset=2)
        .select(
            *[pl.col(n).cast(pl.String).alias(f"c{i}") for i, n in enumerate(names)],
            pl.col(ROW).cast(pl.Int32),
            pl.lit(schema[id_col].is_numeric()).alias(ID_NUMERIC),
        )
    )
    table = _table(name, None, frame, list(names), mapping, idx + 1)
    table.rows_hint = pl.scan_parquet(path, glob=False).select(pl.len()).collect().item()
    return table
