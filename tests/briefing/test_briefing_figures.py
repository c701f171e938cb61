"""The figures' data structure: a JSON round trip gives the same briefing; places rank without
overlap; names are shown as typed."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.figures import Briefing, Place, Places, Row, from_json, to_json
from briefing.gather import gather
from briefing.text import day, pace, progress_sentence, shown, whole
from catalogue.region_scope import EVERYWHERE
from tests.briefing import briefing_fixture as fx


def test_json_round_trip(briefing_db: Path) -> None:
    b = gather(fx.SECOND, scope=EVERYWHERE, db=briefing_db, region="kaili")
    again = from_json(Briefing, json.loads(json.dumps(to_json(b), ensure_ascii=False)))
    assert again == b
    assert b.plans[0].head.actual == 26 and b.office == "凯里市人力资源和社会保障局"


def _place(name: str, completion: float) -> Place:
    return Place(name, 10, int(completion * 10), completion, 0.5, None, 0, 0, 0, None, None, 0)


def test_top_and_bottom_never_overlap() -> None:
    rows = tuple(_place(n, c) for n, c in (("甲", 0.1), ("乙", 0.2), ("丙", 0.9), ("丁", 1.0)))
    places = Places("q", "项目", "town", True, 0.8, 0.3, rows)
    assert [p.name for p in places.bottom()] == ["甲", "乙"]
    assert [p.name for p in places.top()] == ["丁", "丙"]
    single = Places("q", "项目", "town", True, 0.8, 0.3, rows[:1])
    assert single.top() == single.bottom() == ()


def test_words() -> None:
    assert shown("=1+1") == "=1+1" and shown(None) == "（未填）" and shown("  ") == "（未填）"
    assert shown("凯里市") == "凯里市"
    assert whole("凯里市") == "全市" and whole("临沭县") == "全县" and whole("浙江省") == "全省"
    assert day(fx.SECOND) == "2025年6月30日"


def _row(completion: float, time_progress: float, status: str) -> Row:
    return Row(
        "q", None, 0, "全民技能提升工程", "人", "certified", 1000, round(completion * 1000),
        completion, time_progress, status, 1200, 1000, 500, 1000 / 1200, 500 / 1200, 0.8, 0.3,
        0, None,
    )  # fmt: skip


def test_pace_never_says_level_when_the_status_says_behind() -> None:
    assert pace(_row(0.5996, 0.6, "lagging")) == "略低于序时进度（60.0%）"
    assert pace(_row(0.6, 0.6, "on_track")) == "与序时进度（60.0%）持平"
    assert pace(_row(0.5, 0.6, "behind")) == "低于序时进度（60.0%）10.0个百分点"
    sentence = progress_sentence(_row(0.5996, 0.6, "lagging"), "全市")
    assert sentence.startswith("全市全民技能提升工程累计取证600人，完成目标任务（1,000人）的60.0%")
    assert "略低于序时进度（60.0%），进度滞后" in sentence
