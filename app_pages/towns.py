"""镇街 Towns: places worst first against their allocation (or by rates), the place × month
heatmap, and the drill from a city or county to the places inside it."""

from __future__ import annotations

import streamlit as st

from dashboard import places
from dashboard.view import context, guarded, require_data, status_legend
from targets.plans import quota_label
from ui import fmt
from ui.charts.places import heatmap_chart, ranking_chart
from ui.i18n import unit_label
from ui.tables import PLACEHOLDER, height, places_table

ctx = context()
f = ctx.filters
wid = require_data(ctx)
pid = ctx.focus
if pid is None:
    st.info(ctx.t("nothing_here"))
    st.stop()
q = ctx.catalogue.get(pid)
st.header(ctx.t("towns_title", name=quota_label(q, f.lang)))
if f.programme is None:
    st.caption(ctx.t("focus_note"))

with guarded(ctx):
    levels = places.levels_with_data(wid, ctx, pid)
if not levels:
    st.info(ctx.t("no_places"))
    st.stop()

left, right = st.columns([1, 2])
level = (
    left.segmented_control(
        ctx.t("place_level"),
        levels,
        default=levels[0],
        format_func=lambda lv: ctx.t(f"col_{lv}"),
        key="place_level",
        required=True,
    )
    or levels[0]
)
parent_level = places.parent_of(level, levels)
parent = None
if parent_level is not None:
    with guarded(ctx):
        options = places.parents(wid, ctx, pid, parent_level)
    parent = right.selectbox(
        ctx.t("drill_into", level=ctx.t(f"col_{parent_level}")),
        [None, *options],
        format_func=lambda p: ctx.t("all_places") if p is None else p,
        key=f"drill_{parent_level}_{ctx.lang}",
    )

with guarded(ctx):
    data = places.build(wid, ctx, pid, level, parent_level, parent)
thresholds = (q.effective_certificate_threshold, q.effective_employment_threshold)
if data.allocated:
    st.caption(
        ctx.t(
            "towns_allocated",
            n=places.lagging_count(data.ranking),
            total=data.ranking.height,
            as_of=fmt.day(f.as_of),
        )
    )
    st.markdown(status_legend(f.lang), unsafe_allow_html=True)
else:
    st.caption(ctx.t("towns_no_allocation"))

st.subheader(ctx.t("ranking_title"))
st.plotly_chart(
    ranking_chart(
        data.ranking,
        place=level,
        certificate_threshold=thresholds[0],
        employment_threshold=thresholds[1],
        lang=f.lang,
    ),
    theme=None,
    key="ranking_chart",
)
frame, config = places_table(data.ranking, level, f.lang, thresholds)
st.dataframe(
    frame,
    column_config=config,
    hide_index=True,
    height=height(frame.height, 15),
    placeholder=PLACEHOLDER,
    key="places_table",
)

st.subheader(ctx.t("heatmap_title"))
st.plotly_chart(
    heatmap_chart(
        data.months, place=level, order=data.order, unit=unit_label(q.unit, f.lang), lang=f.lang
    ),
    theme=None,
    key="heatmap_chart",
)
