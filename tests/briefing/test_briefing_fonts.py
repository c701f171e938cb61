"""The charts' CJK font comes from the pinned mplfonts package (no root, no system fonts): every
glyph of the Chinese labels is in it, so no chart shows empty boxes."""

from __future__ import annotations

from datetime import date

import pytest
from matplotlib import font_manager

from briefing import charts
from briefing.figures import Month, Row
from briefing.fonts import cjk_family

LABELS = "贵州技工黔菜师傅农业种植养殖短平快培训累计完成序时目标线人次"


def test_the_font_comes_from_the_pip_package_without_system_fonts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fresh venv on a machine with no CJK font: matplotlib knows no system font with Chinese
    glyphs, and none of the usual font files is there."""
    from briefing import fonts

    manager = font_manager.fontManager
    latin = [e for e in manager.ttflist if not _has_chinese(e.fname)]
    monkeypatch.setattr(manager, "ttflist", latin)
    monkeypatch.setattr(fonts, "FILES", ())
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    manager._findfont_cached.cache_clear()
    packaged = fonts.packaged_font()
    assert packaged is not None and packaged.name == "NotoSansCJKsc-Regular.otf"
    assert "site-packages" in packaged.parts  # from the installed package, not the system
    fonts.cjk_family.cache_clear()
    try:
        family = fonts.cjk_family()
    finally:
        fonts.cjk_family.cache_clear()
        manager._findfont_cached.cache_clear()
    assert family == "Noto Sans CJK SC"
    assert {e.fname for e in manager.ttflist if e.name == family} == {str(packaged)}


def _has_chinese(fname: str) -> bool:
    try:
        return bool(font_manager.get_font(fname).get_char_index(ord("镇")))
    except (OSError, RuntimeError, ValueError):
        return False


def test_charts_draw_chinese_with_a_font_that_has_it() -> None:
    family = cjk_family()  # the pinned package's font: never skipped
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
