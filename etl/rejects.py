"""Exporting the quarantine: every rejected row with its file, row, reasons and raw cells."""

from __future__ import annotations

import json
import os
from pathlib import Path
from uuid import uuid4

import polars as pl
import xlsxwriter

from etl.exceptions import EtlError
from etl.fields import ALIAS_TO_FIELD, REASONS, normalise_header
from etl.privacy import formula_safe, mask, mask_phone, mask_text_expr
from etl.validate import REASON_LABELS
from warehouse.scratch import OWNER_ONLY
from warehouse.store import connect_read, private_files

EXPORT_FORMATS = (".xlsx", ".csv")
SHEET_ROWS = 1_048_575  # an XLSX sheet holds 1,048,576 rows: the header and this many
SHEET = "被拒记录"
_MASKS = {"id_number": mask, "phone": mask_phone}


NO_SHEET = "—"


def rejects_frame(db: Path, batch: str | None = None) -> pl.DataFrame:
    """The quarantined rows as a sheet: 文件, 工作表, 行号, 原因…, then the raw cells, masked."""
    con = connect_read(db)
    try:
        query = (
            "select batch_id, file_name, sheet, source_row, first_reason, reasons, raw "
            "from rejects where ? is null or batch_id = ? order by batch_id, sheet, source_row"
        )
        rows = con.execute(query, [batch, batch]).fetchall()
    finally:
        con.close()
    raw_cells = [json.loads(r[6]) for r in rows]
    headers: list[str] = []
    for cells in raw_cells:
        headers += [h for h in cells if h not in headers]
    kinds = {h: ALIAS_TO_FIELD.get(normalise_header(h)) for h in headers}
    data: dict[str, list[str | int | None]] = {
        "批次": [r[0] for r in rows],
        "文件": [r[1] for r in rows],
        "工作表": [r[2] or NO_SHEET for r in rows],  # a CSV has no sheet: a dash, not "None"
        "行号": [r[3] for r in rows],
        "首要原因": [REASON_LABELS[r[4]][0] for r in rows],
        "原因代码": ["; ".join(sorted(r[5], key=REASONS.index)) for r in rows],
        "全部原因": ["；".join(REASON_LABELS[c][0] for c in r[5]) for r in rows],
    }
    for h in headers:
        values = [cells.get(h) for cells in raw_cells]
        masking = _MASKS.get(kinds[h] or "")
        data[h] = [masking(v) for v in values] if masking else values
    frame = pl.DataFrame(data, schema_overrides={"行号": pl.Int64}, strict=False)
    frame = frame.with_columns(pl.col(pl.Null).cast(pl.String))  # a column blank throughout
    text_cols = [c for c, t in frame.schema.items() if t == pl.String]
    # by content too: an ID or a mobile under any other header (联系方式, a second 身份证号, 备注);
    # a blank cell is shown blank (a table would print null as "None")
    return frame.with_columns(
        *[formula_safe(mask_text_expr(pl.col(c))).fill_null("").alias(c) for c in text_cols]
    )


def export_rejects(db: Path, out: Path, batch: str | None = None) -> int:
    """Write the quarantine to .xlsx or .csv; returns the number of rows written."""
    if out.suffix.lower() not in EXPORT_FORMATS:
        raise EtlError(f"{out}: export as one of {', '.join(EXPORT_FORMATS)}.")
    frame = rejects_frame(db, batch)
    out.parent.mkdir(parents=True, exist_ok=True)
    # written beside out and renamed into place: never a partial file, never readable by others
    partial = out.with_name(f".{out.name}.{uuid4().hex[:8]}.partial")
    try:
        with private_files():
            if out.suffix.lower() == ".csv":
                frame.write_csv(partial, include_bom=True)
            else:
                write_xlsx(frame, partial)
        partial.chmod(OWNER_ONLY)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return frame.height


def write_xlsx(frame: pl.DataFrame, out: Path) -> None:
    """The frame as XLSX; past one sheet's 1,048,575 rows, on 被拒记录 (2), (3)…"""
    options = {
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    }
    with xlsxwriter.Workbook(str(out), options) as wb:
        for i, start in enumerate(range(0, max(frame.height, 1), SHEET_ROWS)):
            name = SHEET if i == 0 else f"{SHEET} ({i + 1})"
            frame.slice(start, SHEET_ROWS).write_excel(wb, worksheet=name, autofit=True)
