"""The slides (.pptx) for the meeting room's screen: a cover, then per region an overview, the
programmes side by side, what changed since the last meeting, one slide per programme, the
places and the institutions (briefing.pptx_slides). The same figures as the 通报, in large type;
charts are native PowerPoint charts, so they stay editable and need no font file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pptx import Presentation as open_presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.presentation import Presentation
from pptx.slide import Slide
from pptx.util import Inches

from briefing import pptx_slides as slides
from briefing import text
from briefing.changes import Changes, PlanChanges
from briefing.figures import Briefing, PlanFigures, Section
from briefing.pptx_parts import GREY, HEIGHT, MARGIN, RED, WIDTH, box, titled
from ui.i18n import status_label

Step = Callable[[str], None]


class Deck:
    def __init__(self, b: Briefing, changes: Changes | None, step: Step) -> None:
        self.b, self.changes, self.step = b, changes, step
        self.prs: Presentation = open_presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.footer = f"{b.office} · 截至{text.day(b.as_of)}"

    def slide(self, title: str) -> Slide:
        return titled(self.prs, title, self.footer, len(self.prs.slides) + 1)

    def cover(self) -> None:
        s = self.prs.slides.add_slide(self.prs.slide_layouts[6])
        band = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(2.3), WIDTH, Inches(0.12))
        band.fill.solid()
        band.fill.fore_color.rgb = RED
        band.line.fill.background()
        plans = self.b.plans
        name = f"{plans[0].place}{plans[0].head.name}" if len(plans) == 1 else "各地职业技能培训"
        width = WIDTH - 2 * MARGIN
        box(s, MARGIN, Inches(2.7), width, Inches(1.2), [name + "进展情况"], 44, bold=True)
        lines = [f"联席会议汇报材料 · 统计截至{text.day(self.b.as_of)}"]
        box(s, MARGIN, Inches(3.9), width, Inches(0.7), lines, 26, colour=GREY)
        lines = [self.b.office, text.day(self.b.generated_at.date())]
        box(s, MARGIN, Inches(5.4), width, Inches(1.2), lines, 22)

    def region(self, p: PlanFigures, ch: PlanChanges | None) -> None:
        lines = [text.summary(self.b, p.head, p.place)]
        if ch is not None and self.changes is not None:
            lines.append(text.change_sentence(ch, self.changes.previous_as_of, ch.places_level))
        slides.overview(self.slide(f"{p.place}{p.head.name}总体进展"), p, lines, self.b.as_of)
        measured = [r for r in p.rows[1:] if r.completion is not None]
        if len(measured) > 1:
            slides.programmes(self.slide("各项目完成率与序时进度"), measured)
        if ch is not None and self.changes is not None:
            previous = text.day(self.changes.previous_as_of)
            slides.changed(self.slide(f"与上次会议相比（上次截至{previous}）"), ch)
        self.step("幻灯片：分项目")
        for sec in p.sections:
            self.section(sec, ch)
        if p.places is not None and p.places.named:
            word = text.LEVEL_WORDS.get(p.places.level, "镇（街道）")
            slides.places(self.slide(f"各{word}进展（{p.places.name}）"), p.places)
        slides.institutions(self.slide(f"培训机构（{p.institutions.year}年度）"), p.institutions)

    def section(self, sec: Section, ch: PlanChanges | None) -> None:
        h = sec.head
        notes = []
        moved = next((c for c in ch.rows if c.programme_id == h.programme_id), None) if ch else None
        if moved is not None and (note := text.row_change_text(moved)):
            notes.append(note)
        if sec.places is not None:
            notes.append(text.lagging_sentence(sec.places, most=3))
        slides.section(self.slide(f"{h.name}　{status_label(h.status, 'zh')}"), sec, notes)

    def write(self, path: Path) -> None:
        self.cover()
        for p in self.b.plans:
            self.region(p, self.changes.of(p.key) if self.changes else None)
        self.prs.save(str(path))


def write_pptx(b: Briefing, changes: Changes | None, path: Path, step: Step) -> None:
    """Write the slides to `path`; `step` hears what is being written."""
    Deck(b, changes, step).write(path)
