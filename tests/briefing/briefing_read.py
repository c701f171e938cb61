"""Reading the briefing's files back as a user's software would: python-docx, python-pptx and
the xlsx reader (fastexcel), plus the raw XML of every part for what must never be there."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import fastexcel
import polars as pl
from pptx import Presentation

FULL_ID = re.compile(r"(?<![\d.])\d{17}[\dX](?!\d)")  # not the digits of a float
PHONE = re.compile(r"1381234\d{4}")


def docx_paragraphs(path: Path) -> list[str]:
    """Every paragraph of the body, then every table cell, as text."""
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return [p.text for p in d.paragraphs] + cells


def docx_tables(path: Path) -> list[list[list[str]]]:
    d = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]


def slides_text(path: Path) -> list[list[str]]:
    """Per slide: the text of every shape, tables cell by cell."""
    out = []
    for slide in Presentation(str(path)).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
        out.append(texts)
    return out


def slide_charts(path: Path) -> list[list[list[str]]]:
    """Per slide: the categories of each native chart."""
    return [
        [list(shape.chart.plots[0].categories) for shape in slide.shapes if shape.has_chart]
        for slide in Presentation(str(path)).slides
    ]


def sheet(path: Path, name: str) -> pl.DataFrame:
    """A sheet as strings, no header row (the layout has titles above its tables)."""
    reader = fastexcel.read_excel(str(path))
    return reader.load_sheet(name, header_row=None).to_polars()


def sheet_names(path: Path) -> list[str]:
    return list(fastexcel.read_excel(str(path)).sheet_names)


def raw_xml(path: Path) -> str:
    """Every XML part of an Office file, concatenated."""
    with zipfile.ZipFile(path) as z:
        return "".join(
            z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
        )
