"""The 通报 and the slides say what their own tables say: the towns named below 序时进度 (or
short of their allocation once the period is over) are exactly the table's ✖/▼/▲ rows, the
counts of every status agree, at an as-of date before the period, during it and after it.
Also: headings in Chinese numerals past ten, an unchanged count said as unchanged, the regions
named in the all-regions 通报, and no stale-data warning for a plan whose period has ended."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from briefing.changes import PlanChanges, RowChange
from briefing.cli import main
from briefing.tables import wrap_name
from briefing.text import change_sentence, chinese_number
from targets.status import STATUS_WORDS
from tests.briefing.briefing_read import docx_paragraphs, docx_tables, slides_text

# targets whose towns end differently: 万潮镇 7 of 5 and 三棵树镇 8 of 8 complete, the others not
TARGETS = {"万潮镇": 5, "西门街道": 10, "三棵树镇": 8, "下司镇": 12}
WORD_STATUS = {zh: status for status, (zh, _en) in STATUS_WORDS.items()}
PHRASES = {
    "missed": "未完成目标任务",
    "behind": "落后于序时进度",
    "lagging": "落后于序时进度",
    "on_track": "达到序时进度",
    "completed": "已完成目标任务",
    "not_started": "尚未开始",
}


def write(directory: Path, db: Path, as_of: str, *extra: str) -> dict[str, Path]:
    alloc = directory / "alloc"
    alloc.mkdir(parents=True)
    lines = ["programme_id,town,target", *(f"kaili-2024,{t},{n}" for t, n in TARGETS.items())]
    (alloc / "kaili-2024.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = directory / "out"
    mp = pytest.MonkeyPatch()
    mp.setenv("SKILLTRACK_ALLOCATIONS", str(alloc))
    try:
        argv = ["--db", str(db), "--as-of", as_of, *extra, "--out", str(out)]
        assert main([*argv, "--snapshots", str(directory / "snaps"), "--quiet"]) == 0
    finally:
        mp.undo()
    return {p.suffix: p for p in out.iterdir()}


def town_table(docx: Path) -> dict[str, str]:
    """Town → status (the engine's key), read from the 通报's towns table."""
    table = next(t for t in docx_tables(docx) if t[0][0] == "镇（街道）")
    status_col = table[0].index("状态")
    out: dict[str, str] = {}
    for row in table[1:]:
        if row[0] == "合计":
            continue
        word = row[status_col].split(" ")[-1]
        out[row[0]] = WORD_STATUS[word]
    return out


def said(sentence: str) -> tuple[dict[str, int], list[str]]:
    """What a towns sentence says: how many towns per phrase, and the towns it names."""
    counts: dict[str, int] = {}
    for n, phrase in re.findall(
        r"(\d+)个(未完成目标任务|落后于序时进度|达到序时进度|已完成目标任务|尚未开始)", sentence
    ):
        counts[phrase] = int(n)
    every = re.search(r"(\d+)个镇（街道）均(\S+?)。", sentence)
    if every:
        counts[every.group(2)] = int(every.group(1))
    names = re.findall(r"(?:：|、)([^（、：；]+)（完成", sentence)
    return counts, names


@pytest.mark.parametrize(
    ("as_of", "over"), [("2023-12-01", False), ("2025-06-30", False), ("2026-01-31", True)]
)
def test_towns_sentence_says_what_the_table_says(
    tmp_path: Path, briefing_db: Path, as_of: str, over: bool
) -> None:
    files = write(tmp_path, briefing_db, as_of, "--region", "kaili")
    statuses = town_table(files[".docx"])
    expected = Counter(PHRASES[s] for s in statuses.values())
    short = [t for t, s in statuses.items() if s in ("missed", "behind", "lagging")]
    sentence = next(
        p
        for p in docx_paragraphs(files[".docx"])
        if "按任务分解" in p and p.startswith(("按任务", "计划期"))
    )
    counts, names = said(sentence)
    assert counts == dict(expected), sentence
    assert names == short, sentence
    assert sentence.startswith("计划期已结束") == over
    # the slide of the towns counts the same towns
    slide = next(s for s in slides_text(files[".pptx"]) if any("各镇（街道）进展" in t for t in s))
    label = "未完成目标任务" if over else "落后于序时进度"
    assert any(t.startswith(f"{label}：{len(short)}个") for t in slide), slide


def test_a_closed_plan_reads_as_closed(tmp_path: Path, briefing_db: Path) -> None:
    files = write(tmp_path, briefing_db, "2026-01-31", "--region", "kaili")
    text = docx_paragraphs(files[".docx"])
    statuses = town_table(files[".docx"])
    assert sorted(s for s in statuses.values()) == ["completed", "completed", "missed", "missed"]
    assert not any("均达到序时进度" in p for p in text)
    assert not any("数据可能未及时报送" in p for p in text)  # the plan is over: no freshness alarm
    requirements = [p for p in text if "未完成任务分解目标的2个地方" in p]
    assert requirements, "工作要求 names the towns short of their allocation"


def test_a_running_plans_old_data_is_warned_about(tmp_path: Path, briefing_db: Path) -> None:
    files = write(tmp_path, briefing_db, "2025-12-20", "--region", "kaili")
    fresh = [p for p in docx_paragraphs(files[".docx"]) if p.startswith("凯里市：最新结业记录")]
    assert fresh and "数据可能未及时报送" in fresh[0]


def test_the_all_regions_briefing_names_each_region(tmp_path: Path, briefing_db: Path) -> None:
    files = write(tmp_path, briefing_db, "2025-06-30")
    summaries = [p for p in docx_paragraphs(files[".docx"]) if p.startswith("截至2025年6月30日，")]
    assert summaries and all(not re.match(r"截至[^，]+，全[市县省区州]", p) for p in summaries)
    assert any(p.startswith("截至2025年6月30日，凯里市") for p in summaries)


def test_chinese_numerals_all_the_way() -> None:
    words = [chinese_number(n) for n in (1, 9, 10, 11, 12, 19, 20, 21, 99, 100, 105, 110)]
    assert words == [
        "一",
        "九",
        "十",
        "十一",
        "十二",
        "十九",
        "二十",
        "二十一",
        "九十九",
        "一百",
        "一百零五",
        "一百一十",
    ]


def test_headings_past_ten_stay_chinese(tmp_path: Path, briefing_db: Path) -> None:
    files = write(tmp_path, briefing_db, "2025-06-30", "--region", "kaili")
    text = docx_paragraphs(files[".docx"])
    assert not any(re.match(r"^（\d+）|^\d+、", p) for p in text)
    numbered = [m.group(1) for p in text if (m := re.match(r"^（([一二三四五六七八九十]+)）", p))]
    assert numbered, "the 通报 has numbered items"


def test_an_unchanged_count_is_said_as_unchanged() -> None:
    head = RowChange("kaili-2024", "职业技能培训", "人次", 12, 0.02, "lagging", "lagging")
    ch = PlanChanges("kaili", "凯里市", head, (), "town", 3, 3, ("万潮镇",), ("下司镇",), (), ())
    sentence = change_sentence(ch, date(2025, 3, 31), "town")
    assert "落后于序时进度的镇（街道）仍为3个，新增万潮镇，下司镇已赶上序时进度" in sentence
    assert "由3个变为3个" not in sentence
    moved = change_sentence(replace(ch, lagging_now=4), date(2025, 3, 31), "town")
    assert "由3个变为4个" in moved


def test_long_names_break_between_words() -> None:
    assert wrap_name("农业种植养殖短平快培训", 10) == "农业种植养殖短平快\n培训"
    assert wrap_name("东宁市边城技工培训中心", 10) == "东宁市边城技工\n培训中心"
    assert wrap_name("企业工人全员培训", 10) == "企业工人全员培训"  # fits: left whole
    assert wrap_name("旅游相关产业从业人员技能培训", 10) == "旅游相关产业从业人员\n技能培训"
    assert wrap_name("旅游相关产业从业人员技能培训", 9) == "旅游相关产业\n从业人员技能培训"
