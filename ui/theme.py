"""Colours, icons and fonts shared by every chart and table: one status looks the same everywhere.

The palette is Okabe–Ito (safe for the common colour-vision deficiencies), and every status also
carries an icon and a word, so that it reads in grey print and on a washed-out projector.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

import plotly.graph_objects as go

from targets.status import STATUS_WORDS as ENGINE_WORDS

StatusKey = Literal["completed", "on_track", "lagging", "behind", "missed", "not_started", "none"]
STATUS_KEYS: tuple[StatusKey, ...] = get_args(StatusKey)


@dataclass(frozen=True)
class StatusLook:
    """How one status looks on every surface: colour, icon, Streamlit's Markdown colour, and its
    words (the engine's, targets.status.STATUS_WORDS; "none" is a quota without a target)."""

    key: StatusKey
    colour: str
    icon: str
    markdown: str  # Streamlit's Markdown colour nearest to the palette, for links (:red[...])
    words: tuple[str, str]  # Chinese, English


def _look(key: StatusKey, colour: str, icon: str, markdown: str) -> StatusLook:
    words = ENGINE_WORDS[key] if key != "none" else ("无目标", "no target")
    return StatusLook(key, colour, icon, markdown, words)


# Every status, once. Okabe–Ito colours; "missed" is darker than "behind", so it differs in
# lightness too; "not_started" dark grey, "none" (nothing to judge) light grey.
STATUS_LOOKS: tuple[StatusLook, ...] = (
    _look("completed", "#009E73", "✔", "green"),
    _look("on_track", "#0072B2", "●", "blue"),
    _look("lagging", "#E69F00", "▲", "orange"),
    _look("behind", "#D55E00", "▼", "red"),
    _look("missed", "#7A1F1F", "✖", "red"),
    _look("not_started", "#6B6B6B", "○", "gray"),
    _look("none", "#9A9A9A", "–", "gray"),
)
STATUS_COLOURS: dict[StatusKey, str] = {s.key: s.colour for s in STATUS_LOOKS}
STATUS_ICONS: dict[StatusKey, str] = {s.key: s.icon for s in STATUS_LOOKS}
STATUS_MARKDOWN: dict[StatusKey, str] = {s.key: s.markdown for s in STATUS_LOOKS}
STATUS_WORDS: dict[StatusKey, tuple[str, str]] = {s.key: s.words for s in STATUS_LOOKS}
_BY_NAME: dict[str, StatusKey] = {k: k for k in STATUS_KEYS}

TARGET_COLOUR = "#333333"
TIME_PROGRESS_COLOUR = "#CC79A7"  # reddish purple: the 序时进度 marker, never a status colour
CERTIFICATE_COLOUR = "#0072B2"
EMPLOYMENT_COLOUR = "#E69F00"
NEUTRAL_COLOUR = "#56B4E9"
TRACK_COLOUR = "#E8E8E8"

# The browser's own CJK fonts first; Noto CJK is what Debian's fonts-noto-cjk installs.
FONT_FAMILY = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", sans-serif'
)
FONT_SIZE = 14
TEXT_COLOUR = "#262730"


def status_key(status: str | None) -> StatusKey:
    """A status from the engine (or None: no target) as a key of the palette."""
    return _BY_NAME.get(status, "none") if status else "none"


def status_colour(status: str | None) -> str:
    return STATUS_COLOURS[status_key(status)]


def status_icon(status: str | None) -> str:
    return STATUS_ICONS[status_key(status)]


def base_layout(fig: go.Figure, *, height: int | None = None, **extra: Any) -> go.Figure:
    """The shared look: CJK font, white background, compact margins, horizontal legend on top."""
    fig.update_layout(
        font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": FONT_SIZE}},
        plot_bgcolor="white",
        paper_bgcolor="white",
        margin={"l": 10, "r": 20, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        **({"height": height} if height is not None else {}),
        **extra,
    )
    fig.update_xaxes(gridcolor="#EEEEEE", zerolinecolor="#CCCCCC", automargin=True)
    fig.update_yaxes(gridcolor="#EEEEEE", zerolinecolor="#CCCCCC", automargin=True)
    return fig
