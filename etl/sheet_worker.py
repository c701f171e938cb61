"""The child process that parses an untrusted workbook: `python -m etl.sheet_worker SRC OUT MB S`.

It runs under a memory limit (RLIMIT_AS, MB megabytes) and a CPU-time limit (S seconds) and dies
with its parent. It checks a zipped workbook's size first (etl.sheet_guard), then reads every
sheet twice at once — as text, and as cell kinds to tell a numeric ID cell (rounded by Excel to
15 digits) from a text one — and writes each sheet with a header row as an Arrow IPC file in OUT:
text cells c0…cN, `__row` and `__id_numeric`. A sheet without a header row is written as text
only, so that the parent can say which headers it found.

It prints one JSON object on stdout: `{"sheets": [{"name", "file", "rows", "header"}]}` or
`{"error": CODE, ...}` (exit 2). A calamine abort or a blown memory limit ends the process with a
signal or a non-zero code, which the parent (etl.sheets) reports; it never reaches the parent.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NoReturn

REFUSED = 2  # exit code: the JSON on stdout says why
_PR_SET_PDEATHSIG = 1
HEADER_SEARCH_ROWS = 50
BIG_SHEET = 4 << 20  # a sheet this large (zipped) is checked while it is parsed, not before
ZIP_MAGIC = b"PK\x03\x04"


def _limit(megabytes: int, seconds: int) -> None:
    """Cap this process's address space and CPU time; die when the parent dies."""
    limit = megabytes << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent's timeout still ends it
        pass


def _refuse(code: str, **params: Any) -> NoReturn:
    print(json.dumps({"error": code, **params}, ensure_ascii=False), flush=True)
    os._exit(REFUSED)  # at once: a parsing thread may still be expanding the workbook


def _guard(src: Path, megabytes: int) -> threading.Thread | None:
    """Check a zipped workbook; small sheets before parsing, a large one alongside it."""
    from etl.sheet_guard import Limits, Refused, check_zipped

    with src.open("rb") as f:
        if f.read(4) != ZIP_MAGIC:
            return None  # .xls/.et (BIFF): the memory limit is the guard
    # half the memory limit inflated (an eighth for shared strings); about 12,000 cells per MB
    memory = max(megabytes, 256)
    limits = Limits(inflated_bytes=memory << 19, strings_bytes=memory << 16, cells=memory * 12_000)

    def check() -> None:
        try:
            check_zipped(src, limits)
        except Refused as e:
            _refuse(e.code, **e.params)

    import zipfile

    try:
        with zipfile.ZipFile(src) as z:
            largest = max((p.compress_size for p in z.infolist()), default=0)
    except (zipfile.BadZipFile, OSError):
        _refuse("not_workbook")
    if largest < BIG_SHEET:
        check()
        return None
    thread = threading.Thread(target=check, daemon=True)
    thread.start()
    return thread


def _kinds(src: Path, sheet: str) -> Any:
    """Every cell as boolean: non-null only where the workbook stored a number (or a boolean)."""
    import fastexcel

    reader = fastexcel.read_excel(str(src))
    return reader.load_sheet(sheet, header_row=None, dtypes="boolean", skip_rows=0).to_polars()


def _header_id_column(rows: list[list[str | None]]) -> int | None:
    from etl.fields import ALIAS_TO_FIELD, REQUIRED, normalise_header

    for row in rows:
        mapping: dict[int, str] = {}
        for col, cell in enumerate(row):
            fld = ALIAS_TO_FIELD.get(normalise_header(cell))
            if fld is not None and fld not in mapping.values():
                mapping[col] = fld
        if all(f in mapping.values() for f in REQUIRED):
            return next(c for c, f in mapping.items() if f == "id_number")
    return None


def parse(src: Path, out: Path, megabytes: int) -> list[dict[str, Any]]:
    """Write each sheet of src to out as Arrow IPC; what was written, per sheet."""
    try:
        import fastexcel
        import polars as pl

        pl.DataFrame({"c0": ["x"]}).clear()  # polars loads its binary lazily, and may fail there
    except Exception:  # a limit too small even to load the libraries
        _refuse("memory")
    guard = _guard(src, megabytes)
    try:
        reader = fastexcel.read_excel(str(src))
    except fastexcel.FastExcelError:  # calamine's words name no file, help nobody: we explain
        _refuse("not_workbook")
    sheets = []
    with ThreadPoolExecutor(1) as pool:
        for i, name in enumerate(reader.sheet_names):
            kinds_of = pool.submit(_kinds, src, name)  # the sheet parsed twice, at once
            try:
                text = reader.load_sheet(
                    name, header_row=None, dtypes="string", skip_rows=0
                ).to_polars()
            except fastexcel.FastExcelError:
                _refuse("not_workbook")
            kinds = kinds_of.result()
            if guard is not None:
                guard.join()
                guard = None
            if text.height == 0:
                continue
            text.columns = [f"c{j}" for j in range(text.width)]
            head = [list(r) for r in text.head(HEADER_SEARCH_ROWS).iter_rows()]
            id_col = _header_id_column(head)
            columns = [pl.int_range(1, text.height + 1, dtype=pl.Int32).alias("__row")]
            if id_col is not None:
                columns.append(kinds.to_series(id_col).is_not_null().alias("__id_numeric"))
            file = out / f"sheet-{i}.arrow"
            text.with_columns(columns).write_ipc(file, compression="uncompressed")
            sheets.append({"name": name, "file": file.name, "rows": text.height})
    if guard is not None:
        guard.join()
    return sheets


def main(argv: list[str]) -> int:
    src, out, megabytes, seconds = Path(argv[0]), Path(argv[1]), int(argv[2]), int(argv[3])
    _limit(megabytes, seconds)
    os.umask(0o077)
    try:
        sheets = parse(src, out, megabytes)
    except MemoryError:
        _refuse("memory")
    except Exception:  # anything else the parser met: never its words, nor a traceback
        _refuse("not_workbook")
    print(json.dumps({"sheets": sheets}, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
