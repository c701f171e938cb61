"""Institutions: certificate rate against employment rate, the thresholds drawn as quadrants,
marker size = trainees; and the occupation / category / institution breakdown of a programme."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl

from ui import fmt
from ui.i18n import Lang, t
from ui.plain import chart_text
from ui.theme import NEUTRAL_COLOUR, STATUS_COLOURS, base_layout

# (legend key, colour, symbol): failing, near the line, comfortably eligible
GROUPS = (
    ("inst_failing", STATUS_COLOURS["behind"], "x"),
    ("inst_near", STATUS_COLOURS["lagging"], "diamond"),
    ("inst_ok", STATUS_COLOURS["on_track"], "circle"),
)
MAX_MARKER = 46
QUADRANT_FILL = "rgba(213, 94, 0, 0.06)"


def quadrant_chart(
    frame: pl.DataFrame,
    *,
    certificate_threshold: float,
    employment_threshold: float,
    lang: Lang,
    ruled: bool = True,
) -> go.Figure:
    """frame: institution, trained, certificate_rate, employment_rate, below, near.

    ruled: a document's rule takes eligibility away below the lines (the legend says so);
    else the institutions below are only below the reference lines.
    """
    fig = go.Figure()
    biggest = max([1, *frame.get_column("trained").drop_nulls().to_list()])
    order = ["margin", "institution"]  # the order of the lists below the chart
    groups = (
        frame.filter(pl.col("below")).sort(order, nulls_last=True),
        frame.filter(pl.col("near")).sort(order, nulls_last=True),
        frame.filter(~pl.col("below") & ~pl.col("near")),
    )
    numbered = 0
    for (key, colour, symbol), part in zip(GROUPS, groups, strict=True):
        if part.is_empty():
            continue
        trained = part.get_column("trained").to_list()
        names = [chart_text(n or "") for n in part.get_column("institution").to_list()]
        # Failing and near ones carry the number of their row in the lists below the chart:
        # a number fits beside a marker where a long name would print over its neighbours'.
        labelled = key != "inst_ok"
        numbers = [str(numbered + i + 1) for i in range(part.height)] if labelled else None
        numbered += part.height if labelled else 0
        fig.add_trace(
            go.Scatter(
                x=part.get_column("certificate_rate").to_list(),
                y=part.get_column("employment_rate").to_list(),
                mode="markers+text" if labelled else "markers",
                name=t("inst_below" if key == "inst_failing" and not ruled else key, lang),
                text=numbers,
                textposition="middle right",
                textfont={"size": 14, "color": colour},
                marker={
                    "size": [8 + (MAX_MARKER - 8) * math.sqrt(n / biggest) for n in trained],
                    "color": colour,
                    "symbol": symbol,
                    "opacity": 0.8,
                    "line": {"width": 1, "color": "white"},
                },
                customdata=[[name, fmt.num(n)] for name, n in zip(names, trained, strict=True)],
                hovertemplate="<b>%{customdata[0]}</b><br>"
                + t("col_cert_rate", lang)
                + " %{x:.1%} · "
                + t("col_emp_rate", lang)
                + " %{y:.1%}<br>"
                + t("col_trained", lang)
                + " %{customdata[1]}<extra></extra>",
            )
        )
    # the failing region: left of the certificate line or below the employment line
    fig.add_shape(
        type="rect",
        x0=0,
        x1=certificate_threshold,
        y0=0,
        y1=1.05,
        fillcolor=QUADRANT_FILL,
        line={"width": 0},
        layer="below",
    )
    fig.add_shape(
        type="rect",
        x0=certificate_threshold,
        x1=1.05,
        y0=0,
        y1=employment_threshold,
        fillcolor=QUADRANT_FILL,
        line={"width": 0},
        layer="below",
    )
    fig.add_vline(
        x=certificate_threshold,
        line={"color": "#333333", "dash": "dash", "width": 2},
        annotation_text=f"{t('col_cert_thr', lang)} {fmt.pct(certificate_threshold, 0)}",
        annotation_position="top left",
    )
    fig.add_hline(
        y=employment_threshold,
        line={"color": "#333333", "dash": "dash", "width": 2},
        annotation_text=f"{t('col_emp_thr', lang)} {fmt.pct(employment_threshold, 0)}",
        # at the left, where certificate rates near 0 are rare: at the right it covered the
        # markers of institutions that miss only the employment line
        annotation_position="bottom left",
    )
    fig.add_annotation(
        x=1.03,
        y=1.03,
        text=t("quadrant_ok", lang),
        showarrow=False,
        xanchor="right",
        font={"color": STATUS_COLOURS["completed"]},
    )
    fig.add_annotation(
        x=0.02,
        y=0.02,
        text=t("quadrant_fail" if ruled else "quadrant_below", lang),
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"color": STATUS_COLOURS["behind"]},
    )
    base_layout(fig, height=480)
    fig.update_xaxes(range=[0, 1.05], tickformat=".0%", title_text=t("col_cert_rate", lang))
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%", title_text=t("col_emp_rate", lang))
    return fig


def breakdown_chart(frame: pl.DataFrame, *, unit: str, lang: Lang, top: int = 12) -> go.Figure:
    """frame: value, actual, certificate_rate, employment_rate of one dimension; largest first."""
    data = frame.sort("actual", descending=True, nulls_last=True).head(top)
    labels = [
        chart_text(v) if v else t("unfilled", lang) for v in data.get_column("value").to_list()
    ]
    fig = go.Figure(
        go.Bar(
            x=data.get_column("actual").to_list(),
            y=labels,
            orientation="h",
            marker={"color": NEUTRAL_COLOUR},
            text=[fmt.num(v) for v in data.get_column("actual").to_list()],
            textposition="outside",
            textfont={"size": 13},
            constraintext="none",
            cliponaxis=False,
            customdata=list(
                zip(
                    [fmt.pct(v) for v in data.get_column("certificate_rate").to_list()],
                    [fmt.pct(v) for v in data.get_column("employment_rate").to_list()],
                    strict=True,
                )
            ),
            hovertemplate="<b>%{y}</b><br>"
            + t("col_actual", lang)
            + " %{x:,} "
            + unit
            + "<br>"
            + t("col_cert_rate", lang)
            + " %{customdata[0]} · "
            + t("col_emp_rate", lang)
            + " %{customdata[1]}<extra></extra>",
            showlegend=False,
        )
    )
    base_layout(fig, height=max(200, 26 * len(labels) + 70))
    fig.update_yaxes(autorange="reversed", ticksuffix="  ")
    fig.update_xaxes(tickformat=",", title_text=unit, rangemode="tozero")
    return fig
