"""Building blocks of the slides: a titled blank slide, text boxes, figure cards and tables
(the native charts are in briefing.pptx_charts).

Text names 微软雅黑 for Chinese (Windows has it; WPS and LibreOffice substitute their own CJK
font) and large sizes, for a screen at the far end of a meeting room.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR_TYPE, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Run
from pptx.util import Emu, Inches, Pt

from briefing.tables import TextTable
from ui.theme import TEXT_COLOUR

FACE = "微软雅黑"


def rgb(value: str) -> RGBColor:
    colour: RGBColor = RGBColor.from_string(value.lstrip("#").upper())
    return colour


INK = rgb(TEXT_COLOUR)
GREY = RGBColor(0x6B, 0x6B, 0x6B)
RED = RGBColor(0xC0, 0x00, 0x00)
LIGHT = RGBColor(0xF3, 0xF4, 0xF6)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)


def style_run(run: _Run, size: float, *, bold: bool = False, colour: RGBColor = INK) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour
    r_pr = run._r.get_or_add_rPr()
    for tag in ("a:latin", "a:ea"):
        el = r_pr.find(qn(tag))
        if el is None:
            el = r_pr.makeelement(qn(tag), {})
            r_pr.append(el)
        el.set("typeface", FACE)


def write(
    frame: TextFrame,
    lines: Sequence[str],
    size: float,
    *,
    bold: bool = False,
    colour: RGBColor = INK,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    space: float = 6,
) -> None:
    """Replace a text frame's text with `lines`, one paragraph each."""
    frame.word_wrap = True
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = align
        p.space_after = Pt(space)
        style_run(p.add_run(), size, bold=bold, colour=colour)
        p.runs[0].text = line


def box(
    slide: Slide,
    x: int,
    y: int,
    w: int,
    h: int,
    lines: Sequence[str],
    size: float,
    *,
    bold: bool = False,
    colour: RGBColor = INK,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    space: float = 6,
) -> TextFrame:
    """A text box with `lines`, one paragraph each."""
    shape = slide.shapes.add_textbox(Emu(x), Emu(y), Emu(w), Emu(h))
    frame: TextFrame = shape.text_frame
    frame.margin_left = frame.margin_right = Inches(0.05)
    write(frame, lines, size, bold=bold, colour=colour, align=align, space=space)
    return frame


def titled(prs: Presentation, title: str, footer: str, number: int) -> Slide:
    """A blank slide with its title, a red accent, and the footer (office · as-of · page)."""
    slide: Slide = prs.slides.add_slide(prs.slide_layouts[6])
    accent = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, MARGIN, Inches(0.42), Inches(0.12), Inches(0.6)
    )
    accent.fill.solid()
    accent.fill.fore_color.rgb = RED
    accent.line.fill.background()
    size = 32 if len(title) <= 24 else (26 if len(title) <= 32 else 20)  # one line, always
    box(
        slide,
        MARGIN + Inches(0.25),
        Inches(0.3),
        Inches(12),
        Inches(0.85),
        [title],
        size,
        bold=True,
    )
    rule = MSO_CONNECTOR_TYPE.STRAIGHT
    line = slide.shapes.add_connector(rule, MARGIN, Inches(1.2), Emu(WIDTH - MARGIN), Inches(1.2))
    line.line.color.rgb = RGBColor(0xD0, 0xD0, 0xD0)
    box(slide, MARGIN, HEIGHT - Inches(0.5), Inches(10), Inches(0.4), [footer], 12, colour=GREY)
    box(
        slide,
        WIDTH - MARGIN - Inches(1),
        HEIGHT - Inches(0.5),
        Inches(1),
        Inches(0.4),
        [str(number)],
        12,
        colour=GREY,
        align=PP_ALIGN.RIGHT,
    )
    return slide


def card(
    slide: Slide,
    x: int,
    y: int,
    w: int,
    h: int,
    label: str,
    value: str,
    note: str = "",
    colour: RGBColor = INK,
) -> None:
    """A figure card: a small label, the figure in very large type, a note under it."""
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(x), Emu(y), Emu(w), Emu(h))
    shape.adjustments[0] = 0.08
    shape.fill.solid()
    shape.fill.fore_color.rgb = LIGHT
    shape.line.fill.background()
    frame = shape.text_frame
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    write(frame, [label], 18, colour=GREY, align=PP_ALIGN.CENTER, space=2)
    p = frame.add_paragraph()
    p.alignment = PP_ALIGN.CENTER
    size = 44 if len(value) <= 6 else (36 if len(value) <= 8 else 30)  # 1,000,000 fits too
    style_run(p.add_run(), size, bold=True, colour=colour)
    p.runs[0].text = value
    if note:
        p = frame.add_paragraph()
        p.alignment = PP_ALIGN.CENTER
        style_run(p.add_run(), 16, colour=GREY)
        p.runs[0].text = note


def table(
    slide: Slide, x: int, y: int, w: int, t: TextTable, widths: Sequence[float], size: float = 16
) -> None:
    """A native table: header shaded, cells in their colours, a 合计 row in bold."""
    rows, cols = len(t.rows) + 1, len(t.header)
    row_h = Pt(size * 2.1)
    shape = slide.shapes.add_table(rows, cols, Emu(x), Emu(y), Emu(w), Emu(row_h * rows))
    tbl = shape.table
    total_w = sum(widths)
    for i, share in enumerate(widths):
        tbl.columns[i].width = Emu(int(w * share / total_w))
    for r in range(rows):
        tbl.rows[r].height = Emu(row_h)
        for c in range(cols):
            cell = tbl.cell(r, c)
            cell.margin_top = cell.margin_bottom = Pt(2)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            head = r == 0
            cell.fill.fore_color.rgb = (
                RGBColor(0xE5, 0xE7, 0xEB) if head else RGBColor(0xFF, 0xFF, 0xFF)
            )
            text = t.header[c] if head else t.rows[r - 1][c]
            colour = None if head else t.colours[r - 1][c]
            bold = head or (t.total and r == rows - 1)
            cell.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT if c == 0 else PP_ALIGN.CENTER
            run = cell.text_frame.paragraphs[0].add_run()
            style_run(run, size, bold=bold, colour=rgb(colour) if colour else INK)
            run.text = text
