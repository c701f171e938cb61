"""培训机构: who is below the lines, and who loses eligibility only where a document says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from streamlit.testing.v1 import AppTest

from tests.pages import dashboard_fixture as fx
from tests.pages.apptest_helpers import chart_spec, frame_with

OpenPage = Callable[..., AppTest]


def test_a_kaili_institution_below_the_lines_keeps_its_eligibility(open_page: OpenPage) -> None:
    """Kaili's document states no consequence: below the reference lines, never 取消, and the
    page does not call the lines Yuncheng's rule."""
    at = open_page("institutions", plan="kaili-2024-2025")
    failing = frame_with(at, "编号", "培训机构", "明年资格")
    assert failing["培训机构"].tolist() == [fx.SCHOOL_B]
    assert failing["编号"].tolist() == ["1"]  # the number beside its marker on the chart
    assert list(failing["明年资格"].iloc[0]) == ["低于参考线 80%/30%"]
    quadrant = chart_spec(at, "quadrant_chart")
    plotted = {c[0] for trace in quadrant["data"] for c in trace["customdata"]}
    assert plotted == {fx.SCHOOL_A, fx.SCHOOL_B}
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["低于参考线"] == "1" and "明年失去资格" not in metrics
    captions = " ".join(c.value for c in at.caption)
    assert "运城" not in captions and "未规定取消资格" in captions


def test_a_programme_judges_against_its_own_thresholds(open_page: OpenPage) -> None:
    at = open_page(
        "institutions", plan="kaili-2024-2025", programme="kaili-2024/guizhou-technician"
    )
    assert "90%" in " ".join(c.value for c in at.caption)


def test_the_as_of_date_reaches_the_institutions(open_page: OpenPage) -> None:
    at = open_page("institutions", plan="kaili-2024-2025", as_of=date(2025, 8, 31))
    assert {m.label: m.value for m in at.metric}["低于参考线"] == "0"  # B's records end later
    quadrant = chart_spec(at, "quadrant_chart")
    assert {c[0] for trace in quadrant["data"] for c in trace["customdata"]} == {fx.SCHOOL_A}
