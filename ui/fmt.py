"""Numbers, shares and dates as people read them: 1,234 · 87.3% · 2025-09-29; — for nothing."""

from __future__ import annotations

from datetime import date, datetime

DASH = "—"


def num(value: float | None) -> str:
    """A count with thousands separators; — when missing."""
    if value is None:
        return DASH
    return f"{round(value):,}"


def money(value: float | None, lang: str = "zh") -> str:
    """An amount of yuan short enough for a metric at 1366 px: 1,351,983,440 → 13.52亿 (en:
    1.35B), 168,311,960 → 1.68亿, 510,660 → 51.1万 (en: 510,660); — when missing."""
    if value is None:
        return DASH
    big = abs(value)
    if lang == "en":
        if big >= 1e9:
            return f"{value / 1e9:,.2f}B"
        if big >= 1e6:
            return f"{value / 1e6:,.2f}M"
        return f"{value:,.0f}"
    if big >= 1e8:
        return f"{value / 1e8:,.2f}亿"
    if big >= 1e5:
        return f"{value / 1e4:,.1f}万"
    return f"{value:,.0f}"


def pct(value: float | None, digits: int = 1) -> str:
    """A share 0…1 as a percentage; — when missing."""
    if value is None:
        return DASH
    return f"{value * 100:.{digits}f}%"


def rate_target(rate: float | None, lang: str = "zh") -> str:
    """A quota's target given as a share (≥10% of its parent's trainees employed in 佛山), said
    beside its name, since the target column holds counts: （目标：占比≥10%） / (target: ≥10%
    share); empty for a quota with a count target."""
    if rate is None:
        return ""
    share = f"{rate * 100:g}%" if rate <= 1 else f"{rate:g}∶1"
    return f" (target: ≥{share} share)" if lang == "en" else f"（目标：占比≥{share}）"


def points(value: float | None, lang: str = "zh") -> str:
    """A difference of two shares in percentage points, signed: +3.2 个百分点 / +3.2 pts."""
    if value is None:
        return DASH
    unit = " pts" if lang == "en" else " 个百分点"
    return f"{value * 100:+.1f}{unit}"


def day(value: date | datetime | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return f"{value:%Y-%m-%d}"


def month(value: date | None, lang: str = "zh") -> str:
    if value is None:
        return DASH
    return f"{value:%Y-%m}" if lang == "en" else f"{value.year}年{value.month}月"


def gap(completion: float | None, time_progress: float | None, lang: str = "zh") -> str | None:
    """Completion minus 序时进度 in points, for a metric's delta; None when either is missing."""
    if completion is None or time_progress is None:
        return None
    return points(completion - time_progress, lang)
