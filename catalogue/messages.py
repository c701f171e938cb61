"""The rule every command line follows when it fails: Chinese first, then the English detail, as
the briefing's messages and the dashboard do (etl.messages, targets.messages use it). It lives at
the bottom of the house so that the ETL and the read side share it."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")
PREFIX = "错误"


def chinese_first(zh: str, detail: str) -> str:
    """错误：<zh> / <detail>; just the detail when it already opens in Chinese."""
    if CJK.match(detail.strip()[:1] or "a"):
        return f"{PREFIX}：{detail}"
    return f"{PREFIX}：{zh} / {detail}"
