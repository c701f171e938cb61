"""Places (towns, counties, cities): the worst-first ranking and the place × month heatmap."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl

from ui import fmt
from ui.i18n import Lang, status_label, t
from ui.theme import (
    CERTIFICATE_COLOUR,
    EMPLOYMENT_COLOUR,
    TARGET_COLOUR,
    TIME_PROGRESS_COLOUR,
    base_layout,
    status_colour,
)

ROW_HEIGHT = 26
HEATMAP_SCALE = "Blues"  # one hue, light to dark: readable without colour vision


def ranking_chart(
    frame: pl.DataFrame,
    *,
    place: str,
    certificate_threshold: float,
    employment_threshold: float,
    lang: Lang,
) -> go.Figure:
    """frame: targets.places.region_progress() (worst first); `place` names the label column.

    With an allocation: completion bars in status colours and a 序时进度 marker. Without one:
    the certificate and employment rates against their thresholds.
    """
    names = [n or t("unfilled", lang) for n in frame.get_column(place).to_list()]
    fig = go.Figure()
    allocated = frame.get_column("completion").drop_nulls().len() > 0
    if allocated:
        statuses = frame.get_column("status").to_list()
        completion = frame.get_column("completion").to_list()
        fig.add_trace(
            go.Bar(
                x=[min(c, 1.5) if c is not None else None for c in completion],
                y=names,
                orientation="h",
                marker={"color": [status_colour(s) for s in statuses]},
                text=[
                    f"{status_label(s, lang)} {fmt.pct(c)}" if c is not None else ""
                    for s, c in zip(statuses, completion, strict=True)
                ],
                textposition="outside",
                textfont={"size": 13},
                constraintext="none",
                cliponaxis=False,
                name=t("col_completion", lang),
                customdata=list(
                    zip(
                        [fmt.num(v) for v in frame.get_column("actual").to_list()],
                        [fmt.num(v) for v in frame.get_column("target").to_list()],
                        strict=True,
                    )
                ),
                hovertemplate="<b>%{y}</b><br>"
                + t("col_actual", lang)
                + " %{customdata[0]} / "
                + t("col_target", lang)
                + " %{customdata[1]}<br>"
                + t("col_completion", lang)
                + " %{text}<extra></extra>",
                showlegend=False,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=frame.get_column("time_progress").to_list(),
                y=names,
                mode="markers",
                marker={
                    "symbol": "line-ns",
                    "size": 20,
                    "line": {"width": 3, "color": TIME_PROGRESS_COLOUR},
                },
                name=t("time_progress_marker", lang),
                hovertemplate=t("col_time_progress", lang) + " %{x:.1%}<extra></extra>",
            )
        )
        fig.add_vline(x=1.0, line={"color": TARGET_COLOUR, "width": 2})
        fig.update_xaxes(tickformat=".0%", range=[0, 1.75], title_text=t("col_completion", lang))
    else:
        for column, name, threshold, colour in (
            ("certificate_rate", "col_cert_rate", certificate_threshold, CERTIFICATE_COLOUR),
            ("employment_rate", "col_emp_rate", employment_threshold, EMPLOYMENT_COLOUR),
        ):
            fig.add_trace(
                go.Bar(
                    x=frame.get_column(column).to_list(),
                    y=names,
                    orientation="h",
                    name=t(name, lang),
                    marker={"color": colour},
                    hovertemplate="<b>%{y}</b><br>" + t(name, lang) + " %{x:.1%}<extra></extra>",
                )
            )
            fig.add_vline(x=threshold, line={"color": colour, "dash": "dash", "width": 2})
        fig.update_xaxes(tickformat=".0%", range=[0, 1.05])
    per_row = ROW_HEIGHT if allocated else int(ROW_HEIGHT * 1.6)
    base_layout(fig, height=max(200, per_row * len(names) + 90))
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", ticksuffix="  ")
    return fig


def month_range(months: list[date]) -> list[date]:
    """Every first-of-month from the earliest to the latest given, gaps included."""
    if not months:
        return []
    first, last = min(months), max(months)
    out = []
    while first <= last:
        out.append(first)
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return out


def heatmap_chart(
    frame: pl.DataFrame, *, place: str, order: list[str | None], unit: str, lang: Lang
) -> go.Figure:
    """frame: place, month, actual (targets.queries.place_months); rows in `order`."""
    months = month_range(frame.get_column("month").to_list())
    index = {p: i for i, p in enumerate(order)}
    col = {m: j for j, m in enumerate(months)}
    z: list[list[int]] = [[0] * len(months) for _ in order]  # no record in a month: 0
    for p, m, v in frame.select(place, "month", "actual").iter_rows():
        if p in index:
            z[index[p]][col[m]] = v
    labels = [p or t("unfilled", lang) for p in order]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[fmt.month(m, lang) for m in months],
            y=labels,
            colorscale=HEATMAP_SCALE,
            colorbar={"title": {"text": unit}},
            hovertemplate="<b>%{y}</b> %{x}<br>"
            + t("col_actual", lang)
            + " %{z:,} "
            + unit
            + "<extra></extra>",
        )
    )
    base_layout(fig, height=max(220, ROW_HEIGHT * len(order) + 110))
    fig.update_yaxes(autorange="reversed", ticksuffix="  ")
    fig.update_xaxes(type="category", tickangle=-45)
    return fig
