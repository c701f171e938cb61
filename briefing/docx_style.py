"""The look of a 公文 (after GB/T 9704) for python-docx: A4 with its margins, 仿宋 三号 body with a
fixed line pitch, 黑体 / 楷体 headings, a 小标宋 title, a red 版头 and rule, "— 1 —" page numbers,
and plain ruled tables.

The fonts are named, not embedded: a bureau's Word or WPS has them (LibreOffice substitutes a CJK
font it has). Digits and Latin letters use Times New Roman, as 公文 do.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

BODY = "仿宋"  # 仿宋_GB2312 where installed; 仿宋 ships with Windows
HEI = "黑体"
KAI = "楷体"
TITLE = "方正小标宋简体"
SONG = "宋体"
LATIN = "Times New Roman"
RED = RGBColor(0xC0, 0x00, 0x00)
SIZE_TITLE = Pt(22)  # 二号
SIZE_BODY = Pt(16)  # 三号
SIZE_TABLE = Pt(10.5)  # 五号
ROW_HEIGHT = Cm(0.75)  # a table row's least height
SIZE_PAGE = Pt(14)  # 四号
PITCH = Pt(28)  # a fixed line pitch: 22 lines on a page
TEXT_WIDTH = Cm(15.6)  # A4 (21 cm) less the 2.8 cm and 2.6 cm margins
SHORT_TABLE = 8  # rows; a table up to this long is kept on one page, a longer one may start
# at the foot of a page (its header repeats) rather than leave the page half empty


def font(run: Run, name: str, size: Pt | None = None, *, bold: bool = False) -> Run:
    """Set a run's CJK and Latin fonts (Word keeps them apart), size and weight."""
    run.font.name = LATIN
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    if size is not None:
        run.font.size = size
    run.font.bold = bold
    return run


def setup(doc: Document) -> None:
    """A4, the 公文 margins, the body style and the page numbers."""
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN
    normal.font.size = SIZE_BODY
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), BODY)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    _page_numbers(doc)


def _page_numbers(doc: Document) -> None:
    """ "— 1 —" centred in the footer, 宋体 四号."""
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(p.add_run("— "), SONG, SIZE_PAGE)
    run = font(p.add_run(), SONG, SIZE_PAGE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
            if kind == "separate":
                shown = OxmlElement("w:t")
                shown.text = "1"
                run._element.append(shown)
    font(p.add_run(" —"), SONG, SIZE_PAGE)


def paragraph(
    doc: Document,
    text: str = "",
    *,
    face: str = BODY,
    size: Pt = SIZE_BODY,
    bold: bool = False,
    indent: bool = True,
    align: WD_ALIGN_PARAGRAPH | None = None,
    colour: RGBColor | None = None,
    keep: bool = False,
) -> Paragraph:
    """One paragraph; body text is indented by two characters. With `keep`, it stays on the
    page of the next one (headings, captions above tables, figures above their captions)."""
    p = doc.add_paragraph()
    p.paragraph_format.keep_with_next = keep
    if indent:
        p.paragraph_format.first_line_indent = Pt(size.pt * 2)
    if align is not None:
        p.alignment = align
    if text:
        run = font(p.add_run(text), face, size, bold=bold)
        if colour is not None:
            run.font.color.rgb = colour
    return p


def lead(doc: Document, head: str, body: str, face: str = KAI) -> Paragraph:
    """A paragraph that opens with its heading in another face: （一）贵州技工。… (a heading
    alone stays with what follows it)."""
    p = paragraph(doc, keep=not body)
    font(p.add_run(head), face, SIZE_BODY)
    if body:
        font(p.add_run(body), BODY, SIZE_BODY)
    return p


def rule(p: Paragraph, colour: str = "C00000", size: int = 18) -> None:
    """A line under the paragraph (the 版头's red rule)."""
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", "6"), ("color", colour)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    p_pr.append(borders)


def _cell_text(cell: _Cell, text: str, *, bold: bool, align: WD_ALIGN_PARAGRAPH, keep: bool) -> Run:
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.keep_with_next = keep  # a short table is not split over two pages
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    p.paragraph_format.first_line_indent = Pt(0)
    return font(p.add_run(text), HEI if bold else SONG, SIZE_TABLE, bold=False)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def table(
    doc: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    colours: Sequence[Sequence[RGBColor | None]] | None = None,
    total: bool = False,
) -> Table:
    """A ruled table, header shaded; the first column left, the others centred. With `total`,
    the last row is a 合计 row in bold."""
    t: Table = doc.add_table(rows=1 + len(rows), cols=len(header))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for column, width in zip(t.columns, widths, strict=True):
        column.width = Cm(width)  # the grid: what LibreOffice and WPS lay out by
    for i, (cell, text) in enumerate(zip(t.rows[0].cells, header, strict=True)):
        _cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
        _shade(cell, "E7E6E6")
        cell.width = Cm(widths[i])
    for r, values in enumerate(rows, start=1):
        last = total and r == len(rows)
        for c, (cell, text) in enumerate(zip(t.rows[r].cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.LEFT if c == 0 else WD_ALIGN_PARAGRAPH.CENTER
            keep = r < len(rows) and len(rows) <= SHORT_TABLE
            run = _cell_text(cell, text, bold=last, align=align, keep=keep)
            colour = colours[r - 1][c] if colours else None
            if colour is not None:
                run.font.color.rgb = colour
            cell.width = Cm(widths[c])
    for row in t.rows:  # rows of one line as tall as each other, with air above and below
        row.height = ROW_HEIGHT
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a name never split
    header_row = t.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header repeats on each page
    header_row.append(repeat)
    return t


def hex_colour(value: str) -> RGBColor:
    return RGBColor.from_string(value.lstrip("#").upper())
