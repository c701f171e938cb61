"""Where the machine has a CJK font (.ci/run installs fonts-noto-cjk), the charts use it: every
glyph of the Chinese labels is in the font, so no chart shows empty boxes."""

from __future__ import annotations

from datetime import date

import pytest
from matplotlib import font_manager

from briefing import charts
from briefing.exceptions import FontMissing
from briefing.figures import Month, Row
from briefing.fonts import cjk_family

LABELS = "贵州技工黔菜师傅农业种植养殖短平快培训累计完成序时目标线人次"


def test_charts_draw_chinese_with_a_font_that_has_it() -> None:
    try:
        family = cjk_family()
    except FontMissing as exc:
        pytest.skip(str(exc))
    font = font_manager.get_font(
        font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    )
    assert all(font.get_char_index(ord(ch)) for ch in LABELS)
    row = Row(
        "q", None, 0, "贵州技工", "人次", "trained", 600, 515, 515 / 600, 0.75, "on_track",
        515, 490, 453, 490 / 515, 453 / 515, 0.9, 0.8, 0, None,
    )  # fmt: skip
    months = [Month(date(2025, m, 1), date(2025, m, 28), 100 * m, 80.0 * m) for m in range(1, 7)]
    png = charts.trajectory(months, row, date(2025, 6, 30), "贵州技工：累计完成与序时目标")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"  # and no "Glyph missing" warning (an error here)
    png = charts.programme_bars([row], "各项目完成率与序时进度")
    assert len(png) > 1000
