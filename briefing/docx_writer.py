"""The 通报 (.docx): 版头 with the issuing office, title, 主送, an opening summary written from the
data, a section per programme with its table and chart, the places (前三名 / 后三名, those behind
序时进度), the institutions that fail or are near a line, each region's data freshness, the
work requirements the figures call for, and the office and date at the end.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Pt

from briefing import charts, subsidy_section, text
from briefing.changes import Changes, PlanChanges
from briefing.docx_style import (
    HEI,
    KAI,
    RED,
    SIZE_TITLE,
    TITLE,
    hex_colour,
    lead,
    paragraph,
    rule,
    setup,
    table,
)
from briefing.figures import LAGGING, Briefing, PlanFigures, Row
from briefing.tables import (
    INDENT,
    TextTable,
    institutions_table,
    places_table,
    programme_table,
    uniform_time_progress,
    without_column,
    wrap_name,
)
from ui import fmt

CHART_WIDTH = Cm(14.5)
# column widths (cm) of each table, adding up to the text width of 15.6 cm
PROGRAMME_WIDTHS = (2.8, 1.9, 1.9, 1.65, 1.65, 1.9, 1.9, 1.9)  # 137.5% and ✖28.9% on one line
# without the 序时进度 column (one period: the caption says it), names get its width
PROGRAMME_WIDTHS_ONE_PERIOD = (4.45, 1.9, 1.9, 1.65, 1.9, 1.9, 1.9)
PLACE_WIDTHS = (3.0, 1.7, 1.7, 1.6, 1.9, 1.9, 1.9, 1.9)
INSTITUTION_WIDTHS = (4.4, 1.9, 1.9, 1.9, 1.8, 3.3)  # 培训人次 on one line
CHAR_CM = 0.37  # a CJK character of the tables' 五号 (10.5 pt)
CELL_MARGINS_CM = 0.5  # the cell's own margins and a substituted font's wider glyphs
SUBSIDY_WIDTHS = (4.2, 1.6, 1.3, 1.6, 2.2, 2.2, 2.2)
Step = Callable[[str], None]


def running(p: PlanFigures, as_of: date) -> bool:
    """Whether the plan's period is still running at the as-of date."""
    return p.period_start <= as_of <= p.period_end


def title(b: Briefing) -> str:
    """关于全市职业技能培训目标任务进展情况的通报."""
    if len(b.plans) != 1:
        return "关于各地职业技能培训进展情况的通报"
    p = b.plans[0]
    return f"关于{text.whole(p.place)}{p.head.name}进展情况的通报"


def fit_names(t: TextTable, width_cm: float) -> TextTable:
    """The first column's names broken where they may break (briefing.tables.wrap_name) so a
    narrow cell never breaks one mid-word; the indent of a part stays on its first line."""
    chars = int((width_cm - CELL_MARGINS_CM) / CHAR_CM)
    rows = []
    for row in t.rows:
        name = row[0]
        indent = len(name) - len(name.lstrip(INDENT))
        rows.append((INDENT * indent + wrap_name(name[indent:], chars - indent), *row[1:]))
    return TextTable(t.header, tuple(rows), t.colours, t.total)


class Writer:
    """Writes one 通报; headings number themselves (一、 （一） 1.) from a level offset."""

    def __init__(self, b: Briefing, changes: Changes | None, step: Step) -> None:
        self.b, self.changes, self.step = b, changes, step
        self.doc: Document = docx.Document()
        self.counters = [0, 0, 0]
        self.tables = 0
        self.figures = 0
        setup(self.doc)

    def heading(self, level: int, words: str) -> None:
        self.counters[level] += 1
        for deeper in range(level + 1, len(self.counters)):
            self.counters[deeper] = 0
        n = self.counters[level]
        if level == 0:
            paragraph(self.doc, f"{text.chinese_number(n)}、{words}", face=HEI, keep=True)
        elif level == 1:
            lead(self.doc, f"（{text.chinese_number(n)}）{words}", "")
        else:
            lead(self.doc, f"{n}. {words}", "", face=HEI)

    def number(self, level: int) -> str:
        """The number the next heading of `level` gets, as its lead-in: （一） / 1."""
        n = self.counters[level] + 1
        self.counters[level] = n
        return f"（{text.chinese_number(n)}）" if level == 1 else f"{n}. "

    def add_table(
        self, t: TextTable, caption: str, widths: tuple[float, ...], note: str = ""
    ) -> None:
        self.tables += 1
        paragraph(
            self.doc,
            f"表{self.tables}　{caption}",
            face=HEI,
            size=Pt(12),
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            keep=True,
        )
        t = fit_names(t, widths[0])
        colours = [[hex_colour(c) if c else None for c in row] for row in t.colours]
        table(self.doc, t.header, t.rows, widths, colours=colours, total=t.total)
        if note:
            paragraph(self.doc, note, size=Pt(12), indent=False)
        paragraph(self.doc, indent=False)

    def programmes(self, rows: Sequence[Row], caption: str, when: str = "") -> None:
        """A programme table; when its rows share one period, 序时进度 is said once in the
        caption and the names get the column's width."""
        t = programme_table(rows)
        shared = uniform_time_progress(rows)
        widths: tuple[float, ...] = PROGRAMME_WIDTHS
        notes = [when] if when else []
        if shared is not None:
            t = without_column(t, t.header.index("序时进度"))
            notes.append(f"序时进度{fmt.pct(shared)}")
            widths = PROGRAMME_WIDTHS_ONE_PERIOD
        self.add_table(t, caption + (f"（{'，'.join(notes)}）" if notes else ""), widths)

    def add_chart(self, png: bytes, caption: str) -> None:
        self.figures += 1
        p = paragraph(self.doc, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact pitch clips it
        p.add_run().add_picture(io.BytesIO(png), width=CHART_WIDTH)
        paragraph(
            self.doc,
            f"图{self.figures}　{caption}",
            face=HEI,
            size=Pt(12),
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )

    def front(self) -> None:
        b = self.b
        head = paragraph(
            self.doc,
            b.office,
            face=TITLE,
            size=Pt(30),
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            colour=RED,
        )
        head.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        rule(head)
        paragraph(self.doc, indent=False)
        t = paragraph(
            self.doc,
            title(b),
            face=TITLE,
            size=SIZE_TITLE,
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
        t.paragraph_format.line_spacing = Pt(36)
        paragraph(self.doc, indent=False)
        level = b.plans[0].level if len(b.plans) == 1 else ""
        paragraph(self.doc, text.RECIPIENTS.get(level, "各有关单位："), indent=False)
        subject = b.plans[0].head.name if len(b.plans) == 1 else "职业技能培训"
        paragraph(
            self.doc,
            f"为全面掌握{subject}目标任务推进情况，推动各项任务按序时进度完成，"
            f"现将截至{text.day(b.as_of)}的进展情况通报如下。",
        )

    def plan(self, p: PlanFigures, top: int) -> None:
        """One region: overall, programmes, places, institutions (headings from level `top`)."""
        ch = self.changes.of(p.key) if self.changes else None
        self.heading(top, "总体进展情况")
        paragraph(self.doc, text.summary(self.b, p.head, p.place))
        if ch is not None and self.changes is not None:
            level = ch.places_level
            paragraph(self.doc, text.change_sentence(ch, self.changes.previous_as_of, level))
        if p.manual:
            paragraph(
                self.doc,
                f"另有{p.manual}项手工统计指标（基地、工作室、示范班等）不由培训记录计量，本通报未列入。",
            )
        if len(p.rows) > 1:
            measured = [r for r in p.rows[1:] if r.completion is not None]
            self.programmes(p.rows, "各项目完成情况", f"截至{text.day(self.b.as_of)}")
            if measured:
                self.add_chart(charts.programme_bars(measured, ""), "各项目完成率与序时进度")
        self.step("通报：分项目进展")
        self.heading(top, "分项目进展情况")
        changed = {r.programme_id: r for r in ch.rows} if ch else {}
        for s in p.sections:
            body = text.progress_sentence(s.head, named=False)
            moved = changed.get(s.head.programme_id)
            if moved is not None and (note := text.row_change_text(moved)):
                body = body[:-1] + f"；{note}。"
            if s.places is not None and s.places.named:
                body += text.lagging_sentence(s.places, most=3)
            lead(self.doc, self.number(top + 1) + s.head.name + "。", body)
            if len(s.rows) > 1:
                self.programmes(s.rows, f"{s.head.name}完成情况")
            if s.months and s.head.target:
                png = charts.trajectory(s.months, s.head, self.b.as_of, "")
                self.add_chart(png, f"{s.head.name}累计完成与序时目标")
        if p.places is not None:
            self.step("通报：各地进展")
            word = text.LEVEL_WORDS.get(p.places.level, "镇（街道）")
            self.heading(top, f"各{word}进展情况")
            for sentence in text.places_sentences(p.places):
                paragraph(self.doc, sentence)
            score = "完成率" if p.places.allocated else "取证率"
            if p.places.named:
                png = charts.places_bars(p.places, "")
                self.add_chart(png, f"各{word}{score}（最落后的在前）")
            self.add_table(places_table(p.places), f"各{word}完成情况", PLACE_WIDTHS)
        self.heading(top, "培训机构情况")
        for sentence in text.institutions_sentences(p.institutions):
            paragraph(self.doc, sentence)
        listed = [*p.institutions.failing, *p.institutions.below_reference, *p.institutions.near]
        if listed:
            t = institutions_table(p.institutions, listed)
            caption = "取证率、就业率未达到或接近要求的培训机构"
            note = "注：距要求为两项比率中离要求较近的一项与要求之差（百分点），负数为未达要求。"
            self.add_table(t, caption, INSTITUTION_WIDTHS, note)
        if p.subsidy is not None:
            self.subsidy(p, top, ch)

    def subsidy(self, p: PlanFigures, top: int, ch: PlanChanges | None) -> None:
        """补贴审核情况: the money by institution and the flags (briefing/subsidy_section.py)."""
        s = p.subsidy
        assert s is not None
        self.heading(top, "补贴审核情况")
        before = ch.subsidy_before if ch is not None else None
        previous = self.changes.previous_as_of if self.changes is not None else None
        for sentence in subsidy_section.sentences(s, before, previous):
            paragraph(self.doc, sentence)
        if s.rows and s.amount:
            note = "注：金额单位为元；应补贴 = 可支付 + 暂缓。文件未规定补贴标准的项目不计金额。"
            caption = (
                f"各培训机构补贴情况（应补贴最多的{min(len(s.rows), subsidy_section.MOST)}家）"
            )
            self.add_table(subsidy_section.subsidy_table(s), caption, SUBSIDY_WIDTHS, note)

    def requirements(self, top: int) -> None:
        self.heading(top, "工作要求")
        plans = self.b.plans
        as_of = self.b.as_of
        lag_places = [
            n.name for p in plans if p.places and running(p, as_of) for n in p.places.short
        ]
        lag_programmes = [r.name for p in plans for r in p.rows[1:] if r.status in LAGGING]
        missed = [
            r.name
            for p in plans
            for r in (p.rows[1:] if len(p.rows) > 1 else p.rows)
            if r.status == "missed"
        ]
        short_places = [
            n.name for p in plans if p.places and not running(p, as_of) for n in p.places.short
        ]
        failing = [i for p in plans for i in p.institutions.failing]
        items = []
        if lag_programmes:
            items.append(
                f"{'、'.join(lag_programmes)}等项目进度落后于序时进度，各牵头单位要加大组织力度，加快开班进度。"
            )
        if lag_places:
            items.append(
                f"进度落后的{len(lag_places)}个地方要认真分析原因，倒排工期，确保按序时进度完成任务。"
            )
        if missed:
            items.append(
                f"{'、'.join(missed)}计划期内未完成目标任务，各牵头单位要认真分析原因，在总结中说明。"
            )
        if short_places:
            items.append(
                f"未完成任务分解目标的{len(short_places)}个地方要认真查找原因，提出整改措施。"
            )
        if failing:
            # Only documents that state the consequence have failing institutions: name their
            # regions, so a meeting of several regions knows whose rule it is.
            where = "、".join(
                f"{p.place}{len(p.institutions.failing)}家" for p in plans if p.institutions.failing
            )
            items.append(
                f"取证率或就业率未达要求的培训机构（{where}）按规定取消下一年度定点培训资格；"
                "接近要求的机构要加强培训质量管理。"
            )
        items.append("各单位要及时、完整报送培训台账，确保统计数据准确。")
        for item in items:
            lead(self.doc, self.number(top + 1), item, face=KAI)

    def write(self, path: Path) -> None:
        self.front()
        b = self.b
        if len(b.plans) == 1:
            self.plan(b.plans[0], 0)
        else:
            for p in b.plans:
                self.heading(0, p.place)
                self.plan(p, 1)
        self.heading(0, "数据报送情况")
        for p in b.plans:
            fresh = text.freshness_sentence(
                p.place, p.freshness, b.as_of, running=running(p, b.as_of)
            )
            paragraph(self.doc, fresh)
        self.requirements(0)
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True  # 落款 never alone
        paragraph(self.doc, indent=False, keep=True)
        for line in (b.office, text.day(b.generated_at.date())):
            sign = paragraph(self.doc, line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            sign.paragraph_format.right_indent = Pt(32)
            sign.paragraph_format.keep_with_next = line == b.office
        self.doc.save(str(path))


def write_docx(b: Briefing, changes: Changes | None, path: Path, step: Step) -> None:
    """Write the 通报 to `path`; `step` hears what is being written."""
    Writer(b, changes, step).write(path)
