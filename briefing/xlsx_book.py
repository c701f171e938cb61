"""The workbook's look and its cell writers: titled A4-landscape sheets, a shaded header, counts
as numbers, shares as formulas over the counts (value cached), statuses in their colour.

The workbook never turns a string into a formula, a URL or a number (strings_to_formulas=False
and friends): a cell a user typed stays text, as typed. One that starts like a formula (= + - @)
also carries Excel's quote prefix, so that editing the cell in Excel keeps it text too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell as cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from briefing import text
from briefing.figures import Briefing
from ui.theme import status_colour

FONT = "微软雅黑"
Columns = Sequence[tuple[str, int]]  # (header, width in characters)
NUMBER_FORMATS = {"int": "#,##0", "pct": "0.0%", "date": "yyyy-mm-dd", "time": "yyyy-mm-dd hh:mm"}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run as a formula


class Book:
    """A workbook for one briefing, with its formats."""

    def __init__(self, path: Path, b: Briefing) -> None:
        self.b = b
        options = {"strings_to_formulas": False, "strings_to_urls": False}
        self.wb = Workbook(str(path), {**options, "strings_to_numbers": False})
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
        self.grid = {**base, "border": 1, "border_color": "#BFBFBF"}
        self.f: dict[str, Any] = {
            "title": self.wb.add_format({**base, "bold": True, "font_size": 14}),
            "note": self.wb.add_format({**base, "font_color": "#6B6B6B"}),
            "head": self.wb.add_format(
                {**self.grid, "bold": True, "bg_color": "#E7E6E6", "align": "center"}
                | {"text_wrap": True}
            ),
        }
        self.props: dict[str, dict[str, Any]] = {}  # each cell format's properties, by key
        for key in ("text", *NUMBER_FORMATS):
            number = {"num_format": NUMBER_FORMATS[key]} if key in NUMBER_FORMATS else {}
            self.props[key] = {**self.grid, **number}
            self.props[f"total_{key}"] = {
                **self.grid,
                **number,
                "bold": True,
                "bg_color": "#F2F2F2",
            }
            for k in (key, f"total_{key}"):
                self.f[k] = self.wb.add_format(self.props[k])
        self._status: dict[str, Any] = {}

    def status(self, status: str | None) -> Any:
        """The format of a status cell: bold, in the status's colour."""
        colour = status_colour(status)
        if colour not in self._status:
            props = {**self.grid, "font_color": colour, "bold": True}
            self._status[colour] = self.wb.add_format(props)
        return self._status[colour]

    def sheet(self, name: str, columns: Columns, title: str) -> Worksheet:
        """A sheet with its title, the office and dates under it, and its column widths."""
        ws = self.wb.add_worksheet(name)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.hide_gridlines(2)
        for i, (_, width) in enumerate(columns):
            ws.set_column(i, i, width)
        ws.write(0, 0, title, self.f["title"])
        made = text.day(self.b.generated_at.date())
        note = f"{self.b.office} · 统计截至{text.day(self.b.as_of)} · 生成于{made}"
        ws.write(1, 0, note, self.f["note"])
        return ws

    def header(self, ws: Worksheet, row: int, columns: Columns) -> None:
        ws.write_row(row, 0, [c for c, _ in columns], self.f["head"])

    def share(
        self,
        ws: Worksheet,
        r: int,
        c: int,
        num: int,
        den: int,
        value: float | None,
        total: bool = False,
    ) -> None:
        """A share as a formula over two cells of the row (num ÷ den), its value cached."""
        f = self.f["total_pct" if total else "pct"]
        if value is None:
            ws.write_blank(r, c, None, f)
        else:
            a, b = cell(r, num), cell(r, den)
            ws.write_formula(r, c, f'=IF(N({b})>0,{a}/{b},"")', f, value)

    def number(self, ws: Worksheet, r: int, c: int, value: float | None, key: str = "int") -> None:
        """A number, or a blank cell in the same format."""
        if value is None:
            ws.write_blank(r, c, None, self.f[key])
        else:
            ws.write_number(r, c, value, self.f[key])

    def numbers(
        self, ws: Worksheet, r: int, cells: Iterable[tuple[int, float | None]], key: str = "int"
    ) -> None:
        for c, value in cells:
            self.number(ws, r, c, value, key)

    def total(self, ws: Worksheet, r: int, c: int, first: int, value: float | None) -> None:
        """A 合计 cell: the sum of the column from `first` to the row above."""
        formula = f"=SUM({cell(first, c)}:{cell(r - 1, c)})"
        ws.write_formula(r, c, formula, self.f["total_int"], value or 0)

    def text(self, ws: Worksheet, r: int, c: int, value: str, key: str = "text") -> None:
        if value[:1] in FORMULA_STARTS:
            if f"quoted_{key}" not in self.f:
                self.f[f"quoted_{key}"] = self.wb.add_format(
                    {**self.props[key], "quote_prefix": True}
                )
            key = f"quoted_{key}"
        ws.write_string(r, c, value, self.f[key])
