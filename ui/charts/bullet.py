"""Bullet chart: one row per programme — the actual as a bar in its status colour against the target
(100%) and a marker at 序时进度, all as shares of the target so every programme fits one scale."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from ui import fmt
from ui.i18n import Lang, status_label, t, unit_label
from ui.theme import (
    STATUS_KEYS,
    TARGET_COLOUR,
    TIME_PROGRESS_COLOUR,
    TRACK_COLOUR,
    base_layout,
    status_colour,
    status_key,
)

CAP = 1.5  # bars longer than 150% of the target are cut there; the label keeps the real share
ROW_HEIGHT = 34


def bullet_chart(rows: pl.DataFrame, lang: Lang) -> go.Figure:
    """rows: label (ui.labels.with_labels), level (0: a plan's total, in bold), name, name_en,
    unit, target, actual, completion, time_progress, status.

    Rows without a target (completion null) are left out: there is nothing to be short of.
    """
    data = rows.filter(pl.col("completion").is_not_null() & pl.col("target").is_not_null())
    names = data.get_column("name_en" if lang == "en" else "name").to_list()
    labels = data.get_column("label").to_list()
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=[1.0] * data.height,
            y=labels,
            orientation="h",
            marker={"color": TRACK_COLOUR},
            width=0.8,
            hoverinfo="skip",
            showlegend=False,
            name="track",
        )
    )
    statuses = [status_key(s) for s in data.get_column("status").to_list()]
    for key in STATUS_KEYS:
        idx = [i for i, s in enumerate(statuses) if s == key]
        if not idx:
            continue
        part = data[idx]
        status = None if key == "none" else key
        completion = part.get_column("completion").to_list()
        fig.add_trace(
            go.Bar(
                x=[min(c, CAP) for c in completion],
                y=[labels[i] for i in idx],
                orientation="h",
                width=0.4,
                marker={"color": status_colour(status)},
                name=status_label(status, lang),
                text=[f"{status_label(status, lang)}  {fmt.pct(c)}" for c in completion],
                textposition="outside",
                textfont={"size": 13},
                constraintext="none",
                cliponaxis=False,
                customdata=[
                    [
                        names[i],
                        fmt.num(a),
                        fmt.num(tg),
                        u,
                        fmt.pct(c),
                        fmt.pct(tp),
                        status_label(status, lang),
                    ]
                    for i, a, tg, u, c, tp in zip(
                        idx,
                        part.get_column("actual").to_list(),
                        part.get_column("target").to_list(),
                        [unit_label(u, lang) for u in part.get_column("unit").to_list()],
                        completion,
                        part.get_column("time_progress").to_list(),
                        strict=True,
                    )
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>"
                    + t("hover_actual", lang)
                    + " %{customdata[1]} %{customdata[3]} / "
                    + t("hover_target", lang)
                    + " %{customdata[2]}<br>"
                    + t("col_completion", lang)
                    + " %{customdata[4]} · "
                    + t("col_time_progress", lang)
                    + " %{customdata[5]}<br>%{customdata[6]}<extra></extra>"
                ),
            )
        )
    fig.add_trace(
        go.Scatter(
            x=data.get_column("time_progress").to_list(),
            y=labels,
            mode="markers",
            marker={
                "symbol": "line-ns",
                "size": 26,
                "line": {"width": 4, "color": TIME_PROGRESS_COLOUR},
                "color": TIME_PROGRESS_COLOUR,
            },
            name=t("time_progress_marker", lang),
            hovertemplate=t("col_time_progress", lang) + " %{x:.1%}<extra></extra>",
        )
    )
    fig.add_vline(x=1.0, line={"color": TARGET_COLOUR, "width": 2})
    base_layout(
        fig,
        height=max(160, ROW_HEIGHT * data.height + 90),
        barmode="overlay",
        bargap=0.2,
    )
    fig.update_xaxes(
        tickformat=".0%", range=[0, CAP + 0.25], title_text=t("of_target", lang), dtick=0.25
    )
    levels = data.get_column("level").to_list() if "level" in data.columns else [1] * data.height
    fig.update_yaxes(
        autorange="reversed",
        ticksuffix="  ",
        tickmode="array",
        tickvals=labels,
        ticktext=[f"<b>{lb}</b>" if lv == 0 else lb for lb, lv in zip(labels, levels, strict=True)],
    )
    return fig
