"""The CJK font the chart images are drawn with, found at run time (no font ships in git).

In order: the file $SKILLTRACK_CJK_FONT names; Noto Sans CJK SC from the pinned PyPI package
mplfonts (requirements.txt: pip installs it, no root, no system fonts needed); a CJK family
matplotlib already knows (Debian's fonts-noto-cjk; Windows and macOS have their own); a known font
file installed after matplotlib built its font cache. None: FontMissing, which names the package
to install. The documents themselves name fonts the reader's Word or WPS has (仿宋,
黑体 …); only the PNG charts need a font file here.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path

from matplotlib import font_manager

from briefing.exceptions import FontMissing

FONT_ENV = "SKILLTRACK_CJK_FONT"
PACKAGE, PACKAGE_FONT = "mplfonts", "fonts/NotoSansCJKsc-Regular.otf"  # requirements.txt
SAMPLE = "镇街序时进度完成率"  # every glyph the font must have
FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Droid Sans Fallback",
)
FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian, Ubuntu
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


def _covers(family: str) -> bool:
    """Whether matplotlib resolves the family to a font that has every sample glyph."""
    try:
        found = font_manager.findfont(
            font_manager.FontProperties(family=family), fallback_to_default=False
        )
        font = font_manager.get_font(found)
    except (ValueError, OSError, RuntimeError):
        return False
    return all(font.get_char_index(ord(ch)) for ch in SAMPLE)


def _register(path: str) -> list[str]:
    """Add a font file (every face of a collection); the families it brought, SC faces first."""
    before = len(font_manager.fontManager.ttflist)
    try:
        font_manager.fontManager.addfont(path)
    except (OSError, RuntimeError, ValueError):
        return []
    names = [e.name for e in font_manager.fontManager.ttflist[before:]]
    return sorted(dict.fromkeys(names), key=lambda n: ("SC" not in n, "CN" not in n))


def packaged_font() -> Path | None:
    """Noto Sans CJK SC as the mplfonts package installs it (the package is not imported)."""
    spec = importlib.util.find_spec(PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / PACKAGE_FONT
        if path.is_file():
            return path
    return None


@cache
def cjk_family() -> str:
    """The family name the charts use; FontMissing when the machine has no CJK font."""
    tried: list[str] = []
    env = os.environ.get(FONT_ENV)
    if env:
        tried.append(env)
        for name in _register(env) if Path(env).is_file() else []:
            if _covers(name):
                return name
    packaged = packaged_font()
    tried.append(f"pip: {PACKAGE}/{PACKAGE_FONT}")
    for name in _register(str(packaged)) if packaged else []:
        if _covers(name):
            return name
    known = {e.name for e in font_manager.fontManager.ttflist}
    for family in FAMILIES:
        if family in known and _covers(family):
            return family
    tried.append("matplotlib: " + ", ".join(FAMILIES[:3]) + " …")
    for path in FILES:
        tried.append(path)
        if Path(path).is_file():
            for name in _register(path):
                if _covers(name):
                    return name
    raise FontMissing(tried)
