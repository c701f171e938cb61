"""Checks on a zipped workbook (XLSX, or WPS .et holding one) before any parser expands it.

A workbook is a zip of XML parts, and a parser sizes its buffers from what those parts say: one
cell at XFD1048576 makes calamine allocate 17 billion cells (512 GB) and abort the process, and a
few hundred kilobytes of shared strings can inflate to gigabytes. So, streaming, with a budget:

* every part's real inflated size counts against a byte budget (declared sizes can lie);
* each sheet's declared `<dimension>` and its real extent (the last row, the widest column) must
  fit Excel's own grid and a cell budget;
* more rows than Excel allows (1,048,576) is no workbook Excel wrote.

These run in the parsing child process (etl.sheet_worker); its memory limit stays the last line.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
_READ = 1 << 20
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_ROW_TAG = b'<row r="'
_CELL_TAG = b'<c r="'
_TAIL = 256  # bytes kept between reads so that no tag is cut in two


class Refused(Exception):
    """The workbook is refused before parsing; `code` names why, `params` fill the message."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code, params)


@dataclass(frozen=True)
class Limits:
    """How much a workbook may expand to: inflated bytes in total and of the shared strings (a
    million-row ledger's are some 40 MB), and cells per sheet."""

    inflated_bytes: int
    strings_bytes: int
    cells: int


def column_number(letters: bytes) -> int:
    """A1-style column letters → 1-based column number (A → 1, XFD → 16384)."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def check_zipped(path: Path, limits: Limits) -> None:
    """Raise Refused if the zipped workbook at path would expand past the limits."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise Refused("not_workbook") from e
    with archive:
        parts = archive.infolist()
        declared = sum(p.file_size for p in parts)
        if declared > limits.inflated_bytes:
            raise Refused("too_large", inflated=declared, limit=limits.inflated_bytes)
        budget = limits.inflated_bytes
        for part in parts:
            if part.filename == "xl/sharedStrings.xml":
                budget -= _scan(archive, part, min(budget, limits.strings_bytes), limits)
            elif _is_sheet(part.filename):
                budget -= _scan(archive, part, budget, limits)


def _scan(archive: zipfile.ZipFile, part: zipfile.ZipInfo, budget: int, limits: Limits) -> int:
    """Inflate one part in pieces within budget; for a sheet, check its extent. Bytes inflated.

    The extent is read from the last row and the last cell of each piece (sheets list rows in
    order, and a row's cells left to right); counting every reference would double the time.
    """
    sheet = _is_sheet(part.filename)
    name = part.filename.rsplit("/", 1)[-1].removesuffix(".xml")
    inflated, rows, last_row, widest, tail = 0, 0, 0, 0, b""
    try:
        with archive.open(part) as f:
            while block := f.read(_READ):
                inflated += len(block)
                if inflated > budget:
                    raise Refused("too_large", inflated=inflated, limit=budget)
                if not sheet:
                    continue
                text = tail + block
                if not tail:
                    _check_dimension(text, name, limits)
                rows += block.count(b"<row ")
                last_row = max(last_row, _number_after(text, _ROW_TAG))
                widest = max(widest, _column_after(text, _CELL_TAG))
                tail = text[-_TAIL:]
    except Refused:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as e:  # a damaged part
        raise Refused("not_workbook") from e
    if sheet:
        _check_extent(name, max(rows, last_row), max(widest, 26), limits)
    return inflated


def _number_after(text: bytes, tag: bytes) -> int:
    """The row number of the last `tag` in text (0 if none)."""
    i = text.rfind(tag)
    if i < 0:
        return 0
    digits = re.match(rb"\d+", text[i + len(tag) : i + len(tag) + 8])
    return int(digits.group()) if digits else 0


def _column_after(text: bytes, tag: bytes) -> int:
    """The column number of the last cell reference `tag` in text (0 if none)."""
    i = text.rfind(tag)
    if i < 0:
        return 0
    letters = re.match(rb"[A-Z]{1,3}", text[i + len(tag) : i + len(tag) + 3])
    return column_number(letters.group()) if letters else 0


def _check_dimension(head: bytes, sheet: str, limits: Limits) -> None:
    m = _DIMENSION.search(head)
    if m is None or m.group(3) is None:
        return
    rows, cols = int(m.group(4)), column_number(m.group(3))
    if rows > EXCEL_ROWS or cols > EXCEL_COLUMNS or rows * cols > limits.cells:
        ref = m.group(0).split(b'"')[1].decode("ascii", "replace")
        raise Refused("declared_too_large", sheet=sheet, ref=ref, cells=rows * cols)


def _check_extent(sheet: str, rows: int, cols: int, limits: Limits) -> None:
    if rows > EXCEL_ROWS:
        raise Refused("too_many_rows", sheet=sheet, rows=rows, limit=EXCEL_ROWS)
    if rows * cols > limits.cells:
        raise Refused("extent_too_large", sheet=sheet, rows=rows, cols=cols, cells=rows * cols)
