"""Native PowerPoint charts for the slides: drawn by the viewer in its own fonts, so no font file
is needed here, and editable in the meeting room."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Emu, Pt

from briefing.pptx_parts import FACE, rgb
from ui.theme import TIME_PROGRESS_COLOUR


def bullet_chart(
    slide: Slide,
    x: int,
    y: int,
    w: int,
    h: int,
    labels: Sequence[str],
    values: Sequence[float | None],
    colours: Sequence[str],
    line: float | None,
    line_name: str,
    size: float = 14,
    value_name: str = "完成率",
) -> Chart:
    """Horizontal bars (first label on top) in their colours, with the reference (序时进度) drawn
    as a hollow bar over each: where each should be, beside where it is."""
    data = CategoryChartData(number_format="0.0%")
    data.categories = list(labels)
    data.add_series(value_name, [v if v is not None else 0.0 for v in values])
    if line is not None:
        data.add_series(line_name, [line] * len(labels))
    kind = XL_CHART_TYPE.BAR_CLUSTERED
    frame: Any = slide.shapes.add_chart(kind, Emu(x), Emu(y), Emu(w), Emu(h), cast(Any, data))
    chart: Chart = frame.chart
    chart.font.size = Pt(size)
    chart.font.name = FACE
    plot = chart.plots[0]
    plot.overlap = 100
    plot.gap_width = 45
    bars = plot.series[0]
    for i, colour in enumerate(colours):
        fill = bars.points[i].format.fill
        fill.solid()
        fill.fore_color.rgb = rgb(colour)
    bars.data_labels.show_value = True
    bars.data_labels.number_format = "0.0%"
    bars.data_labels.number_format_is_linked = False
    bars.data_labels.font.size = Pt(size - 1)
    if line is not None:
        ref = plot.series[1]
        ref.format.fill.background()
        ref.format.line.color.rgb = rgb(TIME_PROGRESS_COLOUR)
        ref.format.line.width = Pt(2.25)
    top = max([1.0, line or 0.0, *[v or 0.0 for v in values]])
    value_axis = chart.value_axis
    value_axis.minimum_scale = 0
    value_axis.maximum_scale = min(round(top * 1.1, 1), 2.0)
    value_axis.tick_labels.number_format = "0%"
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xE5, 0xE5, 0xE5)
    chart.category_axis.reverse_order = True
    every_label(chart)
    chart.has_legend = line is not None
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    return chart


def every_label(chart: Chart) -> None:
    """Label every category (a viewer may skip every other one when they are crowded)."""
    axis = chart.category_axis._element
    skip = axis.makeelement(qn("c:tickLblSkip"), {"val": "1"})
    no_multi = axis.find(qn("c:noMultiLvlLbl"))
    if no_multi is not None:
        no_multi.addprevious(skip)
    else:
        axis.append(skip)


def line_chart(
    slide: Slide,
    x: int,
    y: int,
    w: int,
    h: int,
    months: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], str, bool]],
    size: float = 14,
) -> Chart:
    """Lines over months; each series is (name, values, colour, dashed)."""
    data = CategoryChartData(number_format="#,##0")
    data.categories = list(months)
    for name, values, _, _ in series:
        data.add_series(name, list(values))
    kind = XL_CHART_TYPE.LINE
    frame: Any = slide.shapes.add_chart(kind, Emu(x), Emu(y), Emu(w), Emu(h), cast(Any, data))
    chart: Chart = frame.chart
    chart.font.size = Pt(size)
    chart.font.name = FACE
    for plotted, (_, _, colour, dashed) in zip(chart.plots[0].series, series, strict=True):
        plotted.smooth = False
        plotted.format.line.color.rgb = rgb(colour)
        plotted.format.line.width = Pt(2 if dashed else 3.5)
        if dashed:
            plotted.format.line.dash_style = 4  # MSO_LINE_DASH_STYLE.DASH
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xE5, 0xE5, 0xE5)
    chart.value_axis.minimum_scale = 0
    chart.value_axis.tick_labels.number_format = "#,##0"
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    return chart
