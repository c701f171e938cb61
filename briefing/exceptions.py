"""Errors of the briefing package.

    BriefingError               base: the CLI and the page catch only this and show its message
    ├── UnknownRegion           --region names no plan of the catalogue (lists the valid ones)
    ├── UnknownProgramme        --programme is not a measured quota (or not of that region)
    ├── FontMissing             no CJK font for the chart images (names the package to install)
    ├── RenderFailed            writing one of the files failed; nothing was left in --out
    └── SnapshotError           a saved snapshot cannot be read or written

Errors of the packages below (targets.exceptions.TargetsError, etl.exceptions.EtlError) pass
through unchanged: the CLI and the page show their messages too. Every message is Chinese first,
then English, and says what to do next.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class BriefingError(Exception):
    """Base of every error the briefing package raises on purpose."""


class UnknownRegion(BriefingError):
    def __init__(self, region: str, valid: Sequence[str]) -> None:
        self.region = region
        self.valid = tuple(valid)
        super().__init__(
            f"没有名为「{region}」的地区（计划）。可选：{'、'.join(self.valid)}。"
            f" / No region (plan) {region!r}; valid: {', '.join(self.valid)}."
        )


class UnknownProgramme(BriefingError):
    def __init__(self, programme: str, reason: str, valid: Sequence[str] = ()) -> None:
        self.programme = programme
        self.reason = reason
        self.valid = tuple(valid)
        hint = f" 可选 / valid: {', '.join(self.valid)}." if self.valid else ""
        super().__init__(f"培训项目 {programme!r}：{reason}。{hint}")


class FontMissing(BriefingError):
    def __init__(self, tried: Sequence[str]) -> None:
        self.tried = tuple(tried)
        super().__init__(
            "找不到中文字体，无法绘制通报中的图表。请重新安装依赖（.venv/bin/pip install -r "
            "requirements.txt，其中的 mplfonts 自带思源黑体 Noto Sans CJK SC，无需 root），"
            "或将环境变量 SKILLTRACK_CJK_FONT 设为一个中文字体文件（.ttf/.otf/.ttc）的路径。"
            " / No CJK font found for the chart images: reinstall the requirements "
            "(.venv/bin/pip install -r requirements.txt; its mplfonts package ships Noto Sans CJK "
            "SC, no root needed) or point SKILLTRACK_CJK_FONT at a CJK font file. "
            f"Tried: {', '.join(self.tried)}."
        )


class RenderFailed(BriefingError):
    def __init__(self, part: str, detail: str) -> None:
        self.part = part
        self.detail = detail
        super().__init__(
            f"生成{part}时出错，未写出任何文件：{detail} / Writing the {part} failed; "
            "no file was written."
        )


class SnapshotError(BriefingError):
    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(
            f"简报快照 {self.path}：{detail} / Briefing snapshot {self.path}: {detail}"
        )
