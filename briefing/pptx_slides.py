"""The content of each kind of slide, laid out on a titled blank slide (briefing.pptx_parts):
figure cards, native charts, tables and a few lines of text, in large type."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches

from briefing import text
from briefing.changes import PlanChanges
from briefing.figures import Institutions, Places, PlanFigures, Row, Section
from briefing.pptx_charts import bullet_chart, line_chart
from briefing.pptx_parts import GREY, HEIGHT, MARGIN, WIDTH, box, card, rgb, table
from briefing.tables import TextTable, institutions_table
from ui import fmt
from ui.i18n import status_label
from ui.theme import CERTIFICATE_COLOUR, TARGET_COLOUR, status_colour

CONTENT_W = WIDTH - 2 * MARGIN
TOP = Inches(1.45)
MOST_ROWS = 8  # table rows on one slide; the rest are in the tables (.xlsx)
MOST_INSTITUTIONS = 6  # below the cards
Card = tuple[str, str, str, str | None]  # label, figure, note, status (its colour)


def gap_points(row: Row) -> str:
    """Completion minus 序时进度 in signed points: +11.0."""
    if row.completion is None or row.time_progress is None:
        return fmt.DASH
    return f"{(row.completion - row.time_progress) * 100:+.1f}"


def cards(
    slide: Slide, items: Sequence[Card], x: int, y: int, w: int, h: int, across: bool
) -> None:
    """Figure cards in a row (across) or a column, each in its status's colour."""
    gap = Inches(0.2)
    for i, (label, value, note, status) in enumerate(items):
        extra = {"colour": rgb(status_colour(status))} if status else {}
        cx, cy = (x + i * (w + gap), y) if across else (x, y + i * (h + Inches(0.13)))
        card(slide, cx, cy, w, h, label, value, note, **extra)


def overview(s: Slide, p: PlanFigures, lines: Sequence[str], as_of: date) -> None:
    h = p.head
    items: list[Card] = [
        (f"累计完成（{h.unit}）", fmt.num(h.actual), f"目标 {fmt.num(h.target)}", None),
        ("完成率", fmt.pct(h.completion), status_label(h.status, "zh"), h.status),
        ("序时进度", fmt.pct(h.time_progress), f"至{text.day(as_of)}", None),
        ("与序时进度相比", gap_points(h), "个百分点", h.status),
    ]
    w = Emu(int((CONTENT_W - Inches(0.6)) / 4))
    cards(s, items, MARGIN, TOP, w, Inches(2.0), across=True)
    box(s, MARGIN, Inches(3.7), CONTENT_W, Inches(2.6), lines, 20, space=10)
    running = p.period_start <= as_of <= p.period_end
    fresh = text.freshness_sentence("数据", p.freshness, as_of, running=running)
    box(s, MARGIN, Inches(6.45), CONTENT_W, Inches(0.4), [fresh], 13, colour=GREY)


def programmes(s: Slide, rows: Sequence[Row]) -> None:
    bullet_chart(
        s,
        MARGIN,
        TOP,
        CONTENT_W,
        HEIGHT - TOP - Inches(0.6),
        [r.name for r in rows],
        [r.completion for r in rows],
        [status_colour(r.status) for r in rows],
        rows[0].time_progress if rows else None,
        "序时进度",
        size=16 if len(rows) <= 8 else 13,
    )


def changed(s: Slide, ch: PlanChanges) -> None:
    out, colours = [], []
    for c in (ch.head, *ch.rows)[: MOST_ROWS + 1]:
        moved = fmt.DASH if c.completion is None else f"{c.completion * 100:+.1f}"
        was, now = status_label(c.status_before, "zh"), status_label(c.status_now, "zh")
        out.append((c.name, f"+{fmt.num(c.actual)}" if c.actual else "0", moved, was, now))
        colours.append(
            (None, None, None, status_colour(c.status_before), status_colour(c.status_now))
        )
    header = ("项目", "新增", "完成率变化（百分点）", "上次状态", "本次状态")
    table(
        s,
        MARGIN,
        TOP,
        CONTENT_W,
        TextTable(header, tuple(out), tuple(colours)),
        (4, 1.6, 2.4, 1.8, 1.8),
        14,
    )
    lines = (
        [f"另有{len(ch.rows) - MOST_ROWS}个项目，见统计表。"] if len(ch.rows) > MOST_ROWS else []
    )
    if ch.places_level is not None:
        word = text.LEVEL_WORDS.get(ch.places_level, "镇（街道）")
        then, count = ch.lagging_before, ch.lagging_now
        moved = f"仍为{count}个" if then == count else f"{then}个 → {count}个"
        lines.append(f"{ch.places_word}的{word}：{moved}")
        if ch.joined:
            lines.append("新增落后：" + "、".join(text.shown(n) for n in ch.joined))
        if ch.left:
            caught = "已完成：" if ch.places_word == "未完成目标任务" else "已赶上："
            lines.append(caught + "、".join(text.shown(n) for n in ch.left))
    box(s, MARGIN, Inches(5.75), CONTENT_W, Inches(1.1), lines, 16, space=4)


def section(s: Slide, sec: Section, notes: Sequence[str]) -> None:
    """A programme: its figures as cards, its trajectory, its rates and what moved."""
    h = sec.head
    items: list[Card] = [
        (f"完成（{h.unit}）", fmt.num(h.actual), f"目标 {fmt.num(h.target)}", None),
        ("完成率", fmt.pct(h.completion), f"序时进度 {fmt.pct(h.time_progress)}", h.status),
        ("与序时进度相比", gap_points(h), "个百分点", h.status),
    ]
    w = Inches(3.8)
    cards(s, items, MARGIN, TOP, w, Inches(1.45), across=False)
    x = MARGIN + w + Inches(0.3)
    cw = WIDTH - MARGIN - x
    if sec.months:
        line_chart(
            s,
            x,
            TOP,
            cw,
            Inches(3.3),
            [f"{m.month.year}.{m.month.month}" for m in sec.months],
            [
                ("累计完成", [m.cumulative for m in sec.months], CERTIFICATE_COLOUR, False),
                ("序时目标线", [m.target_trajectory for m in sec.months], TARGET_COLOUR, True),
            ],
        )
    box(s, x, TOP + Inches(3.45), cw, Inches(1.5), [text.rates(h) or fmt.DASH, *notes], 16)


def places(s: Slide, pl: Places) -> None:
    """Places worst first as bars against 序时进度 (or the certificate threshold), with 前三名 and
    后三名 beside them."""
    named = pl.named
    labels = [text.shown(x.name) for x in named]
    if pl.allocated:
        values = [x.completion for x in named]
        colours = [status_colour(x.status) for x in named]
        ref, ref_name = (named[0].time_progress if named else None), "序时进度"
    else:
        values = [x.certificate_rate for x in named]
        ok = [(v or 0) >= pl.certificate_threshold for v in values]
        colours = [status_colour("on_track" if good else "behind") for good in ok]
        ref, ref_name = pl.certificate_threshold, "取证率要求"
    value_name = "完成率" if pl.allocated else "取证率"
    chart_w = Inches(7.9)
    size = 15 if len(named) <= 10 else (12 if len(named) <= 15 else 10)
    height = HEIGHT - TOP - Inches(0.6)
    bullet_chart(
        s, MARGIN, TOP, chart_w, height, labels, values, colours, ref, ref_name, size, value_name
    )
    lines = [f"{text.short_word(pl)}：{len(pl.short)}个"] if pl.allocated else []
    lines.append(f"前{len(pl.top())}名（{'完成率' if pl.allocated else '取证率'}）")
    lines += [f"  {text.shown(t.name)}　{text.place_value(t, pl)}" for t in pl.top()]
    lines.append(f"后{len(pl.bottom())}名")
    lines += [f"  {text.shown(t.name)}　{text.place_value(t, pl)}" for t in pl.bottom()]
    x = MARGIN + chart_w + Inches(0.3)
    box(s, x, TOP, WIDTH - MARGIN - x, Inches(5), lines, 16, space=6)


def institutions(s: Slide, inst: Institutions) -> None:
    cert, emp = fmt.pct(inst.certificate_threshold, 0), fmt.pct(inst.employment_threshold, 0)
    items: list[Card] = [
        ("有结业记录的机构", str(len(inst.rows)), f"取证率≥{cert}、就业率≥{emp}", None),
        # a consequence only where a document states it (Yuncheng's rule); else the reference
        (f"取消{inst.year + 1}年资格", str(len(inst.failing)), "未达要求", "behind")
        if any(i.eligible is not None for i in inst.rows)  # the region's document judges them
        else ("低于参考线", str(len(inst.below_reference)), "本地区文件未规定取消资格", "behind"),
        ("接近要求", str(len(inst.near)), "距要求不足5个百分点", "lagging"),
    ]
    w = Emu(int((CONTENT_W - Inches(0.4)) / 3))
    cards(s, items, MARGIN, TOP, w, Inches(1.6), across=True)
    listed = [*inst.failing, *inst.below_reference, *inst.near]
    if listed:
        t = institutions_table(inst, listed[:MOST_INSTITUTIONS])
        table(s, MARGIN, TOP + Inches(1.85), CONTENT_W, t, (5, 1.5, 1.6, 1.6, 2, 1.8), 14)
    if len(listed) > MOST_INSTITUTIONS:
        more = [f"另有{len(listed) - MOST_INSTITUTIONS}家，见统计表。"]
        box(s, MARGIN, HEIGHT - Inches(0.95), CONTENT_W, Inches(0.4), more, 14, colour=GREY)
    elif not listed:
        done = ["所有机构均达到要求。"]
        box(s, MARGIN, TOP + Inches(2.2), CONTENT_W, Inches(1), done, 28, align=PP_ALIGN.CENTER)
