"""镇街: towns worst first against their allocation, on the fixture warehouse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from streamlit.testing.v1 import AppTest

from tests.pages.apptest_helpers import chart_spec, frame_with

OpenPage = Callable[..., AppTest]


def test_towns_ranked_worst_first_against_the_allocation(open_page: OpenPage) -> None:
    at = open_page("towns", plan="kaili-2024-2025", programme="kaili-2024/guizhou-technician")
    table = frame_with(at, "镇街", "实际", "目标")
    actual = dict(zip(table["镇街"], table["实际"], strict=True))
    assert actual["万潮镇"] == 3 and actual["西门街道"] == 3
    assert len(table) == 20  # every allocated town, with or without records
    assert list(table["状态"].iloc[0]) == ["▼ 落后"]
    heatmap = chart_spec(at, "heatmap_chart")
    assert "万潮镇" in heatmap["data"][0]["y"]


def test_county_level_places_for_a_city_plan(open_page: OpenPage) -> None:
    at = open_page("towns", plan="yuncheng-2018-2022", as_of=date(2022, 12, 31))
    table = frame_with(at, "县（市、区）", "实际")
    assert table["县（市、区）"].tolist() == ["盐湖区"]
    assert "完成率" not in table.columns  # no allocation: nothing to complete
    assert "按取证率、就业率排序" in " ".join(c.value for c in at.caption)
