"""One programme over time: the cumulative actual against the straight-line target (with the
projected finish), the certificate and employment rates against their thresholds, and the
per-year split."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import plotly.graph_objects as go
import polars as pl

from ui import fmt
from ui.i18n import Lang, status_label, t
from ui.theme import (
    CERTIFICATE_COLOUR,
    EMPLOYMENT_COLOUR,
    NEUTRAL_COLOUR,
    TARGET_COLOUR,
    TIME_PROGRESS_COLOUR,
    base_layout,
    month_ticks,
    status_colour,
)

HEIGHT = 360
PROJECTION_COLOUR = "#555555"


def span_months(days: list[date]) -> int:
    """How many months an axis of these dates spans (0 for none)."""
    if not days:
        return 0
    first, last = min(days), max(days)
    return (last.year - first.year) * 12 + last.month - first.month + 1


def trajectory_chart(
    frame: pl.DataFrame,
    *,
    target: int | None,
    unit: str,
    as_of: date,
    projected: date | None,
    lang: Lang,
    phases: Sequence[tuple[str, date, date]] = (),
) -> go.Figure:
    """frame: targets.progress.trajectory() of one quota (date, cumulative, target_trajectory).

    phases: the document's phases (name, start, end), shaded behind the lines and named.
    """
    fig = go.Figure()
    for i, (name, start, end) in enumerate(phases):
        fig.add_vrect(
            x0=start,
            x1=end,
            fillcolor=PHASE_COLOURS[i % len(PHASE_COLOURS)],
            opacity=0.35,
            line_width=0,
            layer="below",
            annotation_text=name,
            annotation_position="top left",
        )
    done = frame.filter(pl.col("cumulative").is_not_null())
    dates = frame.get_column("date").to_list()
    straight = frame.get_column("target_trajectory").to_list()
    if target is not None:
        fig.add_trace(
            go.Scatter(
                x=dates,
                y=straight,
                mode="lines",
                name=t("chart_straight_line", lang),
                line={"color": TIME_PROGRESS_COLOUR, "dash": "dash", "width": 2},
                hovertemplate="%{x|%Y-%m-%d}<br>"
                + t("chart_straight_line", lang)
                + " %{y:,.0f} "
                + unit
                + "<extra></extra>",
            )
        )
        fig.add_hline(
            y=target,
            line={"color": TARGET_COLOUR, "width": 1},
            annotation_text=f"{t('target_line', lang)} {fmt.num(target)} {unit}",
            annotation_position="top left",
        )
    fig.add_trace(
        go.Scatter(
            x=done.get_column("date").to_list(),
            y=done.get_column("cumulative").to_list(),
            mode="lines+markers",
            name=t("chart_cumulative", lang),
            line={"color": NEUTRAL_COLOUR if target is None else "#0072B2", "width": 3},
            customdata=done.get_column("actual").to_list(),
            hovertemplate="%{x|%Y-%m-%d}<br>"
            + t("chart_cumulative", lang)
            + " %{y:,} "
            + unit
            + "<br>"
            + t("chart_in_month", lang)
            + " %{customdata:,}<extra></extra>",
        )
    )
    if target is not None and projected is not None and done.height:
        last = done.row(-1, named=True)
        fig.add_trace(
            go.Scatter(
                x=[last["date"], projected],
                y=[last["cumulative"], target],
                mode="lines+markers",
                name=t("chart_projection", lang),
                line={"color": PROJECTION_COLOUR, "dash": "dot", "width": 2},
                marker={"symbol": ["circle-open", "star"], "size": [1, 12]},
                hovertemplate=t("col_projected", lang) + " %{x|%Y-%m-%d}<extra></extra>",
            )
        )
    fig.add_vline(x=as_of, line={"color": "#999999", "dash": "dot", "width": 1})
    base_layout(fig, height=HEIGHT, hovermode="x unified")
    fig.update_xaxes(**month_ticks(lang, span_months(dates)))
    fig.update_yaxes(title_text=unit, rangemode="tozero", tickformat=",")
    return fig


PHASE_COLOURS = ("#E8E8E8", "#D4E6F1", "#F2F3F4")  # quiet bands: the lines stay in front


def rates_chart(
    frame: pl.DataFrame,
    *,
    certificate_threshold: float,
    employment_threshold: float,
    lang: Lang,
) -> go.Figure:
    """frame: month, certificate_rate, employment_rate (cumulative to each month)."""
    fig = go.Figure()
    months = frame.get_column("month").to_list()
    lines = (
        (
            "certificate_rate",
            "col_cert_rate",
            "col_cert_thr",
            certificate_threshold,
            CERTIFICATE_COLOUR,
        ),
        ("employment_rate", "col_emp_rate", "col_emp_thr", employment_threshold, EMPLOYMENT_COLOUR),
    )
    for column, name, thr_name, threshold, colour in lines:
        fig.add_trace(
            go.Scatter(
                x=months,
                y=frame.get_column(column).to_list(),
                mode="lines+markers",
                name=t(name, lang),
                line={"color": colour, "width": 3},
                hovertemplate="%{x|%Y-%m}<br>" + t(name, lang) + " %{y:.1%}<extra></extra>",
            )
        )
        fig.add_hline(
            y=threshold,
            line={"color": colour, "dash": "dash", "width": 2},
            annotation_text=f"{t(thr_name, lang)} {fmt.pct(threshold, 0)}",
            annotation_position="bottom right",
            annotation_font_color=colour,
        )
    base_layout(fig, height=HEIGHT, hovermode="x unified")
    fig.update_xaxes(**month_ticks(lang, span_months(frame.get_column("month").to_list())))
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%", title_text=t("chart_cumulative_rate", lang))
    return fig


def yearly_chart(frame: pl.DataFrame, *, unit: str, lang: Lang) -> go.Figure:
    """frame: year, target (null: no split), actual, completion, status — one quota's years."""
    years = [str(y) for y in frame.get_column("year").to_list()]
    fig = go.Figure()
    targets = frame.get_column("target").to_list()
    if any(v is not None for v in targets):
        fig.add_trace(
            go.Bar(
                x=years,
                y=targets,
                name=t("target_line", lang),
                marker={"color": "rgba(0,0,0,0)", "line": {"color": TARGET_COLOUR, "width": 2}},
                hovertemplate="%{x}<br>"
                + t("col_target", lang)
                + " %{y:,} "
                + unit
                + "<extra></extra>",
            )
        )
    statuses = frame.get_column("status").to_list()
    completion = frame.get_column("completion").to_list()
    fig.add_trace(
        go.Bar(
            x=years,
            y=frame.get_column("actual").to_list(),
            name=t("col_actual", lang),
            marker={"color": [status_colour(s) if s else NEUTRAL_COLOUR for s in statuses]},
            text=[
                f"{status_label(s, lang)} {fmt.pct(c)}" if c is not None else ""
                for s, c in zip(statuses, completion, strict=True)
            ],
            textposition="outside",
            textfont={"size": 13},
            constraintext="none",
            cliponaxis=False,
            hovertemplate="%{x}<br>"
            + t("col_actual", lang)
            + " %{y:,} "
            + unit
            + "<extra></extra>",
        )
    )
    base_layout(fig, height=320, barmode="overlay", bargap=0.35)
    fig.update_yaxes(title_text=unit, rangemode="tozero", tickformat=",")
    fig.update_xaxes(type="category")
    return fig
