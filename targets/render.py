"""Plain-text tables for the command line: columns aligned by display width (CJK = 2 columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence


def width(text: str) -> int:
    """Display columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cut(text: str, limit: int) -> str:
    """The text, cut with … to at most `limit` display columns."""
    if width(text) <= limit:
        return text
    while width(text) > limit - 1:
        text = text[:-1]
    return text + "…"


def pad(text: str, size: int, right: bool = False) -> str:
    """Padded with spaces to `size` display columns (on the left when `right`)."""
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def render_table(rows: Sequence[Sequence[str]], numeric: Collection[int] = (2,)) -> str:
    """The rows (the first is the header) aligned; columns in `numeric` right-aligned."""
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            pad(c, w, i in numeric) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    ]
    return "\n".join(lines)
