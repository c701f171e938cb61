"""The briefing's tables as text cells (for the 通报 and the slides), with each cell's colour.

Columns as the dashboard's tables name them (ui.i18n); statuses as icon + word in their colour;
a rate below its threshold marked ✖ in the "behind" colour. Totals are computed from the counts
(Σ actual ÷ Σ target, Σ certified ÷ Σ trained), never by averaging shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from briefing.figures import Institution, Institutions, Place, Places, Row
from briefing.text import LEVEL_WORDS, shown
from ui import fmt
from ui.i18n import status_label
from ui.theme import STATUS_COLOURS, status_colour

INDENT = "　"
BELOW = STATUS_COLOURS["behind"]
_C = TypeVar("_C")


@dataclass(frozen=True)
class TextTable:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    colours: tuple[tuple[str | None, ...], ...]  # "#RRGGBB" per cell, None: the text colour
    total: bool = False  # the last row is a 合计 row


# Where a long name may break in a narrow cell, best first: after an enumeration mark or 和/及,
# before a trailing 培训 / 行业 / 职业 / 技能 word; never inside a word (企业工人全 / 员培训).
BREAK_AFTER = ("、", "，", "和", "及", "与")
BREAK_BEFORE = (
    "（",
    "行业技能人才",
    "职业技能培训",
    "就业技能培训",
    "技能培训",
    "培训",
    "人才",
    "行动",
    "从业人员",
    "职业",
    "技能",
    "技术",
    "创业",
    "取证",
    "产业",
)


def wrap_name(name: str, width: int) -> str:
    """`name` with line breaks where it may break, each line at most `width` characters where a
    break point allows (a line longer than that stays whole rather than break mid-word)."""
    if len(name) <= width:
        return name
    cuts = set()
    for mark in BREAK_AFTER:
        cuts |= {i + len(mark) for i in range(len(name)) if name.startswith(mark, i)}
    for word in BREAK_BEFORE:
        cuts |= {i for i in range(1, len(name)) if name.startswith(word, i)}
    usable = sorted(c for c in cuts if 0 < c < len(name))
    fitting = [c for c in usable if c <= width]
    if not fitting:
        return name
    cut = fitting[-1]
    return name[:cut] + "\n" + wrap_name(name[cut:], width)


def uniform_time_progress(rows: Sequence[Row]) -> float | None:
    """The 序时进度 every row shares (one period), else None: then the tables need no column
    for it and the caption says it once."""
    values = {r.time_progress for r in rows}
    return values.pop() if len(values) == 1 else None


def without_column(t: TextTable, index: int) -> TextTable:
    def drop(cells: tuple[_C, ...]) -> tuple[_C, ...]:
        return cells[:index] + cells[index + 1 :]

    return TextTable(
        drop(t.header),
        tuple(drop(r) for r in t.rows),
        tuple(drop(c) for c in t.colours),
        t.total,
    )


def rate_cell(rate: float | None, threshold: float) -> tuple[str, str | None]:
    if rate is None:
        return fmt.DASH, None
    if rate < threshold:  # exact, as the engine compares
        return f"✖{fmt.pct(rate)}", BELOW
    return fmt.pct(rate), None


def programme_table(rows: Sequence[Row]) -> TextTable:
    """项目 · 目标 · 完成 · 完成率 · 序时进度 · 状态 · 取证率 · 就业率."""
    out: list[tuple[str, ...]] = []
    colours: list[tuple[str | None, ...]] = []
    for r in rows:
        cert, cert_c = rate_cell(r.certificate_rate, r.certificate_threshold)
        emp, emp_c = rate_cell(r.employment_rate, r.employment_threshold)
        out.append(
            (
                INDENT * r.level + r.name,
                fmt.num(r.target),
                fmt.num(r.actual),
                fmt.pct(r.completion),
                fmt.pct(r.time_progress),
                status_label(r.status, "zh"),
                cert,
                emp,
            )
        )
        colours.append((None, None, None, None, None, status_colour(r.status), cert_c, emp_c))
    header = ("项目", "目标", "完成", "完成率", "序时进度", "状态", "取证率", "就业率")
    return TextTable(header, tuple(out), tuple(colours))


@dataclass(frozen=True)
class Total:
    """A 合计 row of places, from their counts."""

    target: int | None
    actual: int
    completion: float | None
    trained: int
    certified: int
    employed: int
    certificate_rate: float | None
    employment_rate: float | None


def places_total(rows: Sequence[Place]) -> Total:
    targets = [p.target for p in rows if p.target is not None]
    target = sum(targets) if targets else None
    actual = sum(p.actual for p in rows)
    trained = sum(p.trained for p in rows)
    certified = sum(p.certified for p in rows)
    employed = sum(p.employed for p in rows)
    return Total(
        target=target,
        actual=actual,
        completion=actual / target if target else None,
        trained=trained,
        certified=certified,
        employed=employed,
        certificate_rate=certified / trained if trained else None,
        employment_rate=employed / trained if trained else None,
    )


def places_table(places: Places) -> TextTable:
    """镇街 · 目标 · 完成 · 完成率 · 状态 · 取证率 · 就业率 · 赶上序时还差; worst first, 合计."""
    word = LEVEL_WORDS.get(places.level, "镇（街道）")
    cert_t, emp_t = places.certificate_threshold, places.employment_threshold
    out: list[tuple[str, ...]] = []
    colours: list[tuple[str | None, ...]] = []
    for p in places.rows:
        cert, cert_c = rate_cell(p.certificate_rate, cert_t)
        emp, emp_c = rate_cell(p.employment_rate, emp_t)
        out.append(
            (
                shown(p.name),
                fmt.num(p.target),
                fmt.num(p.actual),
                fmt.pct(p.completion),
                status_label(p.status, "zh"),
                cert,
                emp,
                fmt.num(p.needed_to_be_on_pace),
            )
        )
        colours.append((None, None, None, None, status_colour(p.status), cert_c, emp_c, None))
    t = places_total(places.rows)
    cert, cert_c = rate_cell(t.certificate_rate, cert_t)
    emp, emp_c = rate_cell(t.employment_rate, emp_t)
    out.append(
        ("合计", fmt.num(t.target), fmt.num(t.actual), fmt.pct(t.completion), "", cert, emp, "")
    )
    colours.append((None, None, None, None, None, cert_c, emp_c, None))
    header = (word, "目标", "完成", "完成率", "状态", "取证率", "就业率", "赶上序时还差")
    return TextTable(header, tuple(out), tuple(colours), total=True)


def institution_verdict(i: Institution) -> tuple[str, str | None]:
    if i.eligible is False:
        return "✖ 取消资格", BELOW
    if i.eligible is None and i.below:
        return "▼ 低于参考线", BELOW
    if i.near:
        return "▲ 接近要求", STATUS_COLOURS["lagging"]
    return "✔ 保留", None


def institutions_table(inst: Institutions, items: Sequence[Institution]) -> TextTable:
    """培训机构 · 培训人次 · 取证率 · 就业率 · 明年资格 (距离门槛)."""
    out: list[tuple[str, ...]] = []
    colours: list[tuple[str | None, ...]] = []
    for i in items:
        cert, cert_c = rate_cell(i.certificate_rate, inst.certificate_threshold)
        emp, emp_c = rate_cell(i.employment_rate, inst.employment_threshold)
        verdict, verdict_c = institution_verdict(i)
        margin = fmt.points(i.margin).replace(" 个百分点", "")
        out.append((shown(i.name), fmt.num(i.trained), cert, emp, margin, verdict))
        colours.append((None, None, cert_c, emp_c, None, verdict_c))
    header = (
        "培训机构",
        "培训人次",
        "取证率",
        "就业率",
        "距要求",
        f"{inst.year + 1}年资格",
    )
    return TextTable(header, tuple(out), tuple(colours))
