"""The pure chart builders, on tiny frames: what they draw, asserted on fig.data and fig.layout."""

from __future__ import annotations

from datetime import date

import polars as pl

from ui.charts.bullet import CAP, bullet_chart
from ui.charts.institutions import breakdown_chart, quadrant_chart
from ui.charts.places import heatmap_chart, ranking_chart
from ui.charts.progress import rates_chart, trajectory_chart, yearly_chart
from ui.theme import STATUS_COLOURS, TIME_PROGRESS_COLOUR


def overview_rows() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "label": ["凯里市 · 职业技能培训", "　└ 贵州技工", "　└ 黔菜师傅", "　└ 无目标的"],
            "name": ["职业技能培训", "贵州技工", "黔菜师傅", "无目标的"],
            "name_en": ["Vocational", "Guizhou technicians", "Qian chefs", "No target"],
            "unit": ["人次"] * 4,
            "target": [6000, 600, 100, None],
            "actual": [8250, 300, 180, 5],
            "completion": [1.375, 0.5, 1.8, None],
            "time_progress": [0.87, 0.87, 0.87, 0.87],
            "status": ["completed", "behind", "completed", None],
        }
    )


def test_bullet_one_row_per_programme_with_a_target() -> None:
    fig = bullet_chart(overview_rows(), "zh")
    track, *bars, marker = fig.data
    assert list(track.y) == ["凯里市 · 职业技能培训", "　└ 贵州技工", "　└ 黔菜师傅"]
    by_name = {b.name: b for b in bars}
    assert set(by_name) == {"✔ 已完成", "▼ 落后"}
    assert by_name["▼ 落后"].marker.color == STATUS_COLOURS["behind"]
    assert list(by_name["✔ 已完成"].x) == [1.375, CAP]  # 180% is cut at the cap…
    assert "180.0%" in by_name["✔ 已完成"].text[1]  # …but labelled with its real share
    assert marker.marker.line.color == TIME_PROGRESS_COLOUR and list(marker.x) == [0.87] * 3
    assert fig.layout.shapes[0].x0 == 1.0  # the target line
    assert "实际" in by_name["▼ 落后"].hovertemplate


def test_bullet_in_english_uses_english_names_in_hover() -> None:
    fig = bullet_chart(overview_rows(), "en")
    behind = next(b for b in fig.data if b.name == "▼ behind")
    assert behind.customdata[0][0] == "Guizhou technicians"
    assert "Actual" in behind.hovertemplate


def test_trajectory_projects_the_finish() -> None:
    frame = pl.DataFrame(
        {
            "date": [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)],
            "actual": [10, 20, None],
            "cumulative": [10, 30, None],
            "target_trajectory": [20.0, 40.0, 60.0],
        }
    )
    fig = trajectory_chart(
        frame,
        target=60,
        unit="人次",
        as_of=date(2024, 2, 29),
        projected=date(2024, 4, 10),
        lang="zh",
    )
    names = [t.name for t in fig.data]
    assert names == ["序时目标线", "累计完成", "按近 90 天速度预计"]
    assert list(fig.data[1].y) == [10, 30]
    assert list(fig.data[2].x) == [date(2024, 2, 29), date(2024, 4, 10)]
    assert list(fig.data[2].y) == [30, 60]
    assert fig.layout.xaxis.tickformat == "%Y年%-m月" and fig.layout.xaxis.dtick == "M1"


def test_rates_draw_their_thresholds() -> None:
    frame = pl.DataFrame(
        {"month": [date(2024, 1, 1)], "certificate_rate": [0.85], "employment_rate": [0.2]}
    )
    fig = rates_chart(frame, certificate_threshold=0.9, employment_threshold=0.8, lang="zh")
    assert [s.y0 for s in fig.layout.shapes] == [0.9, 0.8]
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.layout.xaxis.tickformat == "%Y年%-m月"  # 2024年1月, not Jan 2024
    english = rates_chart(frame, certificate_threshold=0.9, employment_threshold=0.8, lang="en")
    assert english.layout.xaxis.tickformat == "%b %Y"


def test_yearly_bars_in_status_colours() -> None:
    frame = pl.DataFrame(
        {
            "year": [2024, 2025],
            "target": [400, 600],
            "actual": [250, 650],
            "completion": [0.625, 1.083],
            "status": ["missed", "completed"],
        }
    )
    target, actual = yearly_chart(frame, unit="人次", lang="zh").data
    assert list(target.y) == [400, 600]
    assert list(actual.marker.color) == [STATUS_COLOURS["missed"], STATUS_COLOURS["completed"]]


def test_ranking_with_allocation_and_by_rates_without() -> None:
    allocated = pl.DataFrame(
        {
            "town": ["万潮镇", None],
            "target": [100, 50],
            "actual": [20, 50],
            "completion": [0.2, 1.0],
            "time_progress": [0.5, 0.5],
            "status": ["behind", "completed"],
            "certificate_rate": [0.8, 0.9],
            "employment_rate": [0.3, 0.4],
        }
    )
    fig = ranking_chart(
        allocated, place="town", certificate_threshold=0.8, employment_threshold=0.3, lang="zh"
    )
    assert list(fig.data[0].y) == ["万潮镇", "（未填）"]
    assert list(fig.data[0].marker.color) == [STATUS_COLOURS["behind"], STATUS_COLOURS["completed"]]
    rates_only = allocated.with_columns(pl.lit(None, dtype=pl.Float64).alias("completion"))
    fig = ranking_chart(
        rates_only, place="town", certificate_threshold=0.8, employment_threshold=0.3, lang="zh"
    )
    assert [t.name for t in fig.data] == ["取证率", "就业率"]
    assert [s.x0 for s in fig.layout.shapes] == [0.8, 0.3]


def test_heatmap_rows_follow_the_ranking() -> None:
    frame = pl.DataFrame(
        {
            "town": ["甲镇", "乙镇", "乙镇"],
            "month": [date(2024, 1, 1), date(2024, 1, 1), date(2024, 2, 1)],
            "actual": [3, 5, 7],
        }
    )
    fig = heatmap_chart(frame, place="town", order=["乙镇", "甲镇"], unit="人次", lang="zh")
    heat = fig.data[0]
    assert list(heat.y) == ["乙镇", "甲镇"]
    assert list(heat.x) == ["2024年1月", "2024年2月"]
    assert [list(r) for r in heat.z] == [[5, 7], [3, 0]]


def test_quadrant_groups_and_lines() -> None:
    frame = pl.DataFrame(
        {
            "institution": ["甲", "乙", "丙"],
            "trained": [100, 400, 25],
            "certificate_rate": [0.95, 0.82, 0.5],
            "employment_rate": [0.6, 0.33, 0.1],
            "eligible_next_year": [True, True, False],
            "below": [False, False, True],
            "near": [False, True, False],
            "margin": [0.15, 0.02, -0.3],
        }
    )
    fig = quadrant_chart(frame, certificate_threshold=0.8, employment_threshold=0.3, lang="zh")
    groups = {t.name: [c[0] for c in t.customdata] for t in fig.data}
    assert groups == {"明年失去资格": ["丙"], "距门槛 5 个百分点以内": ["乙"], "达标": ["甲"]}
    numbers = {t.name: t.text for t in fig.data}  # as the lists below the chart number them
    assert numbers == {"明年失去资格": ("1",), "距门槛 5 个百分点以内": ("2",), "达标": None}
    # where no document takes eligibility away, the same institution is only below the lines
    unruled = quadrant_chart(
        frame, certificate_threshold=0.8, employment_threshold=0.3, lang="zh", ruled=False
    )
    assert {t.name for t in unruled.data} == {"低于参考线", "距门槛 5 个百分点以内", "达标"}
    notes = {a.text for a in unruled.layout.annotations}  # nor does the shaded area's note
    assert "阴影区：低于参考线" in notes and not any("失去资格" in n for n in notes)
    assert "阴影区：不达标，明年失去资格" in {a.text for a in fig.layout.annotations}
    sizes = {t.customdata[0][0]: t.marker.size[0] for t in fig.data}
    assert sizes["乙"] > sizes["甲"] > sizes["丙"]  # marker size follows trainees
    lines = [(s.x0, s.y0) for s in fig.layout.shapes if s.type == "line"]
    assert (0.8, 0) in lines and (0, 0.3) in lines


def test_breakdown_largest_first_and_capped() -> None:
    frame = pl.DataFrame(
        {
            "value": [*(f"工种{i}" for i in range(20)), None],
            "actual": [*range(20), 100],
            "certificate_rate": [0.8] * 21,
            "employment_rate": [0.3] * 21,
        }
    )
    bars = breakdown_chart(frame, unit="人次", lang="zh", top=5).data[0]
    assert list(bars.y) == ["（未填）", "工种19", "工种18", "工种17", "工种16"]


def test_the_documents_phases_are_shaded_and_named_on_the_timeline() -> None:
    day = date(2020, 6, 30)
    frame = pl.DataFrame(
        {
            "date": [date(2019, 12, 31), day],
            "cumulative": [10, 4000],
            "actual": [10, 3990],
            "target_trajectory": [300.0, 4500.0],
        }
    )
    phases = [
        ("准备阶段", date(2019, 9, 11), date(2019, 11, 30)),
        ("实施阶段", date(2019, 12, 1), date(2021, 12, 31)),
    ]
    fig = trajectory_chart(
        frame, target=9000, unit="人次", as_of=day, projected=None, lang="zh", phases=phases
    )
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(str(b.x0)[:10], str(b.x1)[:10]) for b in bands] == [
        ("2019-09-11", "2019-11-30"),
        ("2019-12-01", "2021-12-31"),
    ]
    names = {a.text for a in fig.layout.annotations}
    assert {"准备阶段", "实施阶段"} <= names
