"""Exporting the quarantine: every rejected row with its file, row, reasons and raw cells."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import xlsxwriter

from etl.exceptions import EtlError
from etl.fields import ALIAS_TO_FIELD, REASONS, normalise_header
from etl.privacy import formula_safe, mask
from etl.validate import REASON_LABELS
from warehouse.store import connect_read

EXPORT_FORMATS = (".xlsx", ".csv")
_PERSONAL = ("id_number", "phone")


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
    personal = {h for h in headers if ALIAS_TO_FIELD.get(normalise_header(h)) in _PERSONAL}
    data: dict[str, list[str | int | None]] = {
        "批次": [r[0] for r in rows],
        "文件": [r[1] for r in rows],
        "工作表": [r[2] for r in rows],
        "行号": [r[3] for r in rows],
        "首要原因": [REASON_LABELS[r[4]][0] for r in rows],
        "原因代码": ["; ".join(sorted(r[5], key=REASONS.index)) for r in rows],
        "全部原因": ["；".join(REASON_LABELS[c][0] for c in r[5]) for r in rows],
    }
    for h in headers:
        values = [cells.get(h) for cells in raw_cells]
        data[h] = [mask(v) for v in values] if h in personal else values
    frame = pl.DataFrame(data, schema_overrides={"行号": pl.Int64}, strict=False)
    text_cols = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(*[formula_safe(pl.col(c)).alias(c) for c in text_cols])


def export_rejects(db: Path, out: Path, batch: str | None = None) -> int:
    """Write the quarantine to .xlsx or .csv; returns the number of rows written."""
    if out.suffix.lower() not in EXPORT_FORMATS:
        raise EtlError(f"{out}: export as one of {', '.join(EXPORT_FORMATS)}.")
    frame = rejects_frame(db, batch)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".csv":
        frame.write_csv(out, include_bom=True)
    else:
        options = {
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        }
        with xlsxwriter.Workbook(str(out), options) as wb:
            frame.write_excel(wb, worksheet="被拒记录", autofit=True)
    return frame.height
