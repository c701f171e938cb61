"""项目进度: one programme in detail, on the fixture warehouse."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from tests.pages.apptest_helpers import chart_spec, leaked_numbers

OpenPage = Callable[..., AppTest]
TECHNICIAN = "kaili-2024/guizhou-technician"


def test_programme_headline_trajectory_rates_and_breakdown(open_page: OpenPage) -> None:
    at = open_page("programmes", plan="kaili-2024-2025", programme=TECHNICIAN)
    assert at.header[0].value == "贵州技工"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["实际"] == "6 人次"
    assert metrics["取证率"] == "66.7%"  # 4 of 6 certified, against its own 90%
    trajectory = chart_spec(at, "trajectory_chart")
    cumulative = next(t for t in trajectory["data"] if t["name"] == "累计完成")
    assert cumulative["y"][-1] == 6
    rates = chart_spec(at, "rates_chart")
    thresholds = [s["y0"] for s in rates["layout"]["shapes"]]
    assert 0.9 in thresholds and 0.8 in thresholds
    occupations = chart_spec(at, "breakdown_chart")
    assert occupations["data"][0]["y"] == ["电工"] and occupations["data"][0]["x"] == [6]
    at.segmented_control(key="breakdown_dimension").set_value("institution").run()
    institutions = chart_spec(at, "breakdown_chart")
    assert sorted(institutions["data"][0]["x"]) == [2, 4]


def test_without_a_programme_the_plan_total_is_shown(open_page: OpenPage) -> None:
    at = open_page("programmes", plan="kaili-2024-2025")
    assert at.header[0].value == "职业技能培训"
    assert {m.label: m.value for m in at.metric}["实际"] == "9 人次"
    assert leaked_numbers(at) == []
