"""Makes the hostile and legacy fixture files of tests/cases/ (committed; run again to remake).

    .venv/bin/python tests/cases/make_cases.py

The .xls twin is written by xlwt (requirements-dev.txt): the same cells as ledger.xlsx.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import xlsxwriter
import xlwt

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1])]

from tests.etl.ledger import HEADERS, make_id, row  # noqa: E402

PHONE = "13912345678"
# Five good rows, one with a wrong check digit, one whose ID is a numeric cell (id_mangled).
ROWS = [row(i) for i in range(5)] + [row(5, 身份证号=make_id(5)[:17] + "0")]
NUMERIC_ID = make_id(6)


def _xlsx(path: Path, rows: list[list[str | None]], numeric_id: str | None = None) -> None:
    options = {"strings_to_numbers": False}
    with xlsxwriter.Workbook(str(path), options) as wb:
        ws = wb.add_worksheet("台账")
        ws.write_row(0, 0, ["凯里市2024年培训台账"])
        ws.write_row(1, 0, HEADERS)
        for i, r in enumerate(rows, start=2):
            ws.write_row(i, 0, ["" if c is None else c for c in r])
        if numeric_id:
            cells = row(6)
            ws.write_row(len(rows) + 2, 0, ["" if c is None else c for c in cells])
            ws.write_number(len(rows) + 2, HEADERS.index("身份证号"), float(numeric_id))


def _xls(path: Path, rows: list[list[str | None]], numeric_id: str | None = None) -> None:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("台账")
    ws.write(0, 0, "凯里市2024年培训台账")
    for j, h in enumerate(HEADERS):
        ws.write(1, j, h)
    for i, r in enumerate(rows, start=2):
        for j, c in enumerate(r):
            ws.write(i, j, "" if c is None else c)
    if numeric_id:
        id_col = HEADERS.index("身份证号")
        for j, c in enumerate(row(6)):
            ws.write(len(rows) + 2, j, float(numeric_id) if j == id_col else c or "")
    wb.save(str(path))


_ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" \
manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)


def _ods(path: Path, rows: list[list[str | None]], numeric_id: str | None = None) -> None:
    """An OpenDocument spreadsheet by hand (content.xml in a zip): the same cells as ledger.xlsx."""

    def cell(value: str | None, number: bool = False) -> str:
        if number:
            return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
        text = escape(value or "")
        return (
            f'<table:table-cell office:value-type="string"><text:p>{text}</text:p>'
            "</table:table-cell>"
        )

    lines = [["凯里市2024年培训台账"], HEADERS, *rows]
    body = "".join(
        "<table:table-row>" + "".join(cell(c) for c in r) + "</table:table-row>" for r in lines
    )
    if numeric_id:
        id_col = HEADERS.index("身份证号")
        cells = [cell(numeric_id, True) if j == id_col else cell(c) for j, c in enumerate(row(6))]
        body += "<table:table-row>" + "".join(cells) + "</table:table-row>"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        f'<office:body><office:spreadsheet><table:table table:name="台账">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", _ODS_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)


def _rezip(src: Path, dst: Path, edit: dict[str, bytes | None]) -> None:
    """src's parts into dst, each part in `edit` replaced by its bytes (None: left as is)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = edit.get(info.filename) or zin.read(info.filename)
            z.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def _bombs(base: Path) -> None:
    sheet = zipfile.ZipFile(base).read("xl/worksheets/sheet1.xml")
    corner = sheet.replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    _rezip(base, HERE / "corner-bomb.xlsx", {"xl/worksheets/sheet1.xml": corner})
    declared = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', sheet)
    _rezip(base, HERE / "dimension-bomb.xlsx", {"xl/worksheets/sheet1.xml": declared})
    too_many = sheet.replace(
        b"</sheetData>",
        b'<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    _rezip(base, HERE / "too-many-rows.xlsx", {"xl/worksheets/sheet1.xml": too_many})
    strings = zipfile.ZipFile(base).read("xl/sharedStrings.xml")
    huge = b"<si><t>" + b"A" * (400 << 20) + b"</t></si>"  # 400 MB of one string
    bomb = strings.replace(b"<si>", huge + b"<si>", 1)
    _rezip(base, HERE / "strings-bomb.xlsx", {"xl/sharedStrings.xml": bomb})


def _csv(
    path: Path, rows: list[list[str | None]], newline: str = "\n", headers: list[str] = HEADERS
) -> None:
    out = io.StringIO()
    w = csv.writer(out, lineterminator=newline)
    w.writerow(headers)
    for r in rows:
        w.writerow(["" if c is None else c for c in r])
    path.write_bytes(out.getvalue().encode("utf-8"))


def main() -> None:
    _xlsx(HERE / "ledger.xlsx", ROWS, NUMERIC_ID)
    _xls(HERE / "ledger.xls", ROWS, NUMERIC_ID)
    _ods(HERE / "ledger.ods", ROWS, NUMERIC_ID)
    (HERE / "ledger-xls.et").write_bytes((HERE / "ledger.xls").read_bytes())
    (HERE / "ledger-xlsx.et").write_bytes((HERE / "ledger.xlsx").read_bytes())
    _bombs(HERE / "ledger.xlsx")
    (HERE / "renamed-text.xlsx").write_text("这是一个文本文件，不是工作簿。\n", encoding="utf-8")
    (HERE / "empty.csv").write_bytes(b"")
    _csv(HERE / "cr-only.csv", ROWS[:5], newline="\r")
    # the same school three times, twice with NUL bytes after its name
    schools = ["凯里技工学校", "凯里技工学校\x00\x00", "凯里\x00技工学校"]
    nul_rows = [[*row(i), school] for i, school in enumerate(schools)]
    _csv(HERE / "nul-cells.csv", nul_rows, headers=[*HEADERS, "培训机构"])
    # no header row at all: the first line is a person's ID and phone
    lines = [",".join(["张三", make_id(1), PHONE, "贵州技工", "2024-03-05", "2024-03-20"])] * 3
    (HERE / "no-header.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ancient = [row(0, 开班日期="0001-01-01"), row(1, 开班日期="1900-01-01"), row(2)]
    _csv(HERE / "ancient-dates.csv", ancient)


if __name__ == "__main__":
    main()
