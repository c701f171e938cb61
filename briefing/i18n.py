"""The 会议简报 page's words, Simplified Chinese first and English second (as ui/i18n.py).

Kept here rather than in ui.i18n.STRINGS, so that the page's strings and the dashboard's are
edited without conflicts; `t` falls back to ui.i18n for the dashboard's shared words.
"""

from __future__ import annotations

from ui.i18n import STRINGS as SHARED
from ui.i18n import Lang

STRINGS: dict[str, tuple[str, str]] = {
    "title": ("会议简报：通报、幻灯片和统计表", "Meeting briefing: report, slides and tables"),
    "caption": (
        "按左侧所选地区、项目和统计截至日期（{as_of}）一键生成联席会议材料：通报（Word）、"
        "汇报幻灯片（PowerPoint）和统计表（Excel）。数字与各页面一致；每次生成都保存快照，"
        "下次生成时自动写出「与上次会议相比」的变化。",
        "One click makes the joint meeting's material for the region, programme and as-of date "
        "chosen in the sidebar ({as_of}): the report (Word), slides (PowerPoint) and tables "
        "(Excel), with the pages' figures. Each briefing saves a snapshot; the next one shows "
        "what changed since.",
    ),
    "scope": ("范围：{scope}", "Scope: {scope}"),
    "office": ("发文单位", "Issuing office"),
    "office_help": (
        "写在通报版头、落款和幻灯片上；默认由所选地区得出。",
        "Printed on the report's head and signature and on the slides; derived from the region.",
    ),
    "make": ("生成会议简报", "Make the briefing"),
    "working": ("正在生成…", "Working…"),
    "done": (
        "已生成截至 {as_of} 的会议简报。",
        "The briefing as of {as_of} is ready.",
    ),
    "failed": ("生成失败：{detail}", "The briefing failed: {detail}"),
    "download_docx": ("下载通报（Word）", "Download the report (Word)"),
    "download_pptx": ("下载幻灯片（PowerPoint）", "Download the slides (PowerPoint)"),
    "download_xlsx": ("下载统计表（Excel）", "Download the tables (Excel)"),
    "summary_title": ("通报开头", "The report's opening"),
    "changes_title": (
        "与上次会议相比（上次统计截至 {previous}）",
        "Since the last meeting (as of {previous})",
    ),
    "no_previous": (
        "这是该范围的第一份简报（或之前没有更早日期的快照），下次生成时将显示变化。",
        "The first briefing for this scope (no earlier snapshot): the next one shows changes.",
    ),
    "snapshots_title": ("历次简报快照", "Earlier briefings (snapshots)"),
    "snapshots_caption": (
        "保存在服务器上的数据仓库旁。选择一份快照可重新生成当时的三份文件（数字为当时的数字）。",
        "Kept on the server beside the warehouse. Pick one to make its three files again (with "
        "the figures of the time).",
    ),
    "snapshots_none": ("还没有保存的简报快照。", "No briefing has been saved yet."),
    "col_as_of": ("统计截至", "As of"),
    "col_scope": ("范围", "Scope"),
    "col_office": ("发文单位", "Office"),
    "col_generated": ("生成时间", "Made at"),
    "col_file": ("快照文件", "Snapshot file"),
    "reopen_pick": ("选择快照", "Snapshot"),
    "reopen": ("重新打开", "Re-open"),
    "reopened": (
        "已按快照（统计截至 {as_of}）重新生成文件。",
        "Made again from the snapshot as of {as_of}.",
    ),
    "all_regions": ("全部地区", "All regions"),
    "all_programmes": ("全部项目", "All programmes"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The page's string (else the dashboard's) in lang, with {placeholders} filled."""
    zh, en = STRINGS[key] if key in STRINGS else SHARED[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text
