"""The 通报's chart images (PNG bytes), drawn with matplotlib in the CJK font of briefing.fonts.

Same palette, icons and words as the dashboard (ui.theme, ui.i18n): a status looks the same on
the screen and on paper, and reads in grey print too. Figures are made with matplotlib's object
API (no pyplot state), so the page can render while other sessions do.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from briefing.figures import Month, Places, Row
from briefing.fonts import cjk_family
from briefing.text import shown
from ui import fmt
from ui.theme import (
    CERTIFICATE_COLOUR,
    STATUS_COLOURS,
    TARGET_COLOUR,
    TEXT_COLOUR,
    TIME_PROGRESS_COLOUR,
    TRACK_COLOUR,
    status_colour,
)

WIDTH = 6.3  # inches: the text width of an A4 page with the 公文 margins
DPI = 200


def _figure(height: float) -> Figure:
    fig = Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")
    fig.set_facecolor("white")
    return fig


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    return buf.getvalue()


def _style(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color("#999999")
    ax.spines["bottom"].set_color("#999999")
    ax.tick_params(colors=TEXT_COLOUR, labelsize=9)


def bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    colours: Sequence[str],
    line: float | None,
    line_label: str,
    title: str,
) -> bytes:
    """Horizontal bars, first label on top, each with its value; a dashed line (序时进度 or a
    threshold) across them. Values are shares (0…1); very large ones are cut at the axis edge."""
    family = cjk_family()
    n = max(len(labels), 1)
    fig = _figure(0.9 + 0.3 * n)
    ax = fig.subplots()
    shown = [v or 0.0 for v in values]
    top = max([1.0, line or 0.0, *shown])
    edge = min(top * 1.12, 2.0)
    ys = list(range(len(labels)))
    ax.barh(ys, [edge] * len(ys), color=TRACK_COLOUR, height=0.7, zorder=1)
    ax.barh(ys, [min(v, edge) for v in shown], color=list(colours), height=0.7, zorder=2)
    for y, v in zip(ys, values, strict=True):
        text = fmt.pct(v)
        x = min(v or 0.0, edge)
        inside = x > edge * 0.82
        ax.text(
            x - edge * 0.01 if inside else x + edge * 0.01,
            y,
            text,
            va="center",
            ha="right" if inside else "left",
            fontsize=8.5,
            family=family,
            color="white" if inside else TEXT_COLOUR,
            zorder=4,
        )
    if line is not None:
        ax.axvline(line, color=TIME_PROGRESS_COLOUR, linestyle="--", linewidth=1.6, zorder=3)
        ax.text(
            line,
            -0.75,
            f"{line_label} {fmt.pct(line)}",
            ha="center",
            va="bottom",
            fontsize=8.5,
            family=family,
            color=TIME_PROGRESS_COLOUR,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
    ax.set_yticks(ys, list(labels), family=family, fontsize=9)
    ax.set_ylim(len(labels) - 0.5, -1.1)
    ax.set_xlim(0, edge)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_title(title, family=family, fontsize=11, color=TEXT_COLOUR, loc="left")
    _style(ax)
    return _png(fig)


def programme_bars(rows: Sequence[Row], title: str) -> bytes:
    """Each programme's completion against 序时进度, in its status colour."""
    measured = [r for r in rows if r.completion is not None]
    tp = next((r.time_progress for r in measured if r.time_progress is not None), None)
    return bars(
        [r.name for r in measured],
        [r.completion for r in measured],
        [status_colour(r.status) for r in measured],
        tp,
        "序时进度",
        title,
    )


def places_bars(places: Places, title: str) -> bytes:
    """Places worst first: completion against 序时进度, or (no allocation) certificate rate
    against its threshold."""
    rows = places.named
    labels = [shown(p.name) for p in rows]
    if places.allocated:
        tp = next((p.time_progress for p in rows if p.time_progress is not None), None)
        return bars(
            labels,
            [p.completion for p in rows],
            [status_colour(p.status) for p in rows],
            tp,
            "序时进度",
            title,
        )
    thr = places.certificate_threshold
    colours = [
        STATUS_COLOURS["on_track"] if (p.certificate_rate or 0) >= thr else STATUS_COLOURS["behind"]
        for p in rows
    ]
    return bars(labels, [p.certificate_rate for p in rows], colours, thr, "取证率要求", title)


def trajectory(months: Sequence[Month], row: Row, as_of: date, title: str) -> bytes:
    """Cumulative actual per month beside the straight-line target (序时目标线)."""
    family = cjk_family()
    fig = _figure(2.4)
    ax = fig.subplots()
    xs = [float(m.day.toordinal()) for m in months]  # days; the ticks below name the months
    done = [(x, m.cumulative) for x, m in zip(xs, months, strict=True) if m.cumulative is not None]
    if any(m.target_trajectory is not None for m in months):
        nan = float("nan")
        ax.plot(
            xs,
            [nan if m.target_trajectory is None else m.target_trajectory for m in months],
            color=TARGET_COLOUR,
            linestyle="--",
            linewidth=1.3,
            label="序时目标线",
        )
    if done:
        ax.plot(
            [d for d, _ in done],
            [float(v or 0) for _, v in done],
            color=CERTIFICATE_COLOUR,
            marker="o",
            markersize=3,
            linewidth=2,
            label="累计完成",
        )
        last_x, last_y = done[-1]
        ax.annotate(
            f"{fmt.num(last_y)}{row.unit}",
            (last_x, last_y or 0),
            textcoords="offset points",
            xytext=(4, 6),
            fontsize=8.5,
            family=family,
            color=CERTIFICATE_COLOUR,
        )
    ax.axvline(float(as_of.toordinal()), color="#BBBBBB", linewidth=0.8)
    step = max(1, len(months) // 8)
    ticks = months[::step]
    ax.set_xticks([float(m.month.toordinal()) for m in ticks], [f"{m.month:%Y-%m}" for m in ticks])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.set_ylim(bottom=0)
    ax.set_ylabel(row.unit, family=family, fontsize=9)
    ax.set_title(title, family=family, fontsize=11, color=TEXT_COLOUR, loc="left")
    ax.legend(prop={"family": family, "size": 8.5}, frameon=False, loc="upper left")
    for label in ax.get_xticklabels():
        label.set_fontsize(8)
    _style(ax)
    return _png(fig)
