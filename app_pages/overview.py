"""总览 Overview: every programme's state at the as-of date, for a leader with two minutes."""

from __future__ import annotations

import streamlit as st

from dashboard import overview
from dashboard.view import PAGES, context, guarded, require_data, status_legend
from ui import fmt
from ui.charts.bullet import bullet_chart
from ui.i18n import status_label, unit_label
from ui.plain import plain
from ui.tables import PLACEHOLDER, height, programme_table
from ui.theme import status_colour

ctx = context()
f = ctx.filters
st.header(ctx.t("overview_title"))
wid = require_data(ctx)

with guarded(ctx):
    data = overview.build(wid, ctx)

st.caption(
    ctx.t("overview_caption", as_of=fmt.day(f.as_of))
    + ("  ·  " + ctx.t("manual_note", n=data.manual) if data.manual else "")
)
if data.rows.is_empty():
    st.info(ctx.t("nothing_here"))
    st.stop()

# 1. one card per plan (or for the chosen programme): completion against 序时进度
heads = data.heads
cols = st.columns(min(max(len(heads), 1), 5))
for i, head in enumerate(heads):
    with cols[i % len(cols)], st.container(border=True, height="stretch"):
        st.markdown(
            f"**{head['label']}**  \n"
            f'<span style="color:{status_colour(head["status"])};font-weight:700;font-size:1.1em">'
            f"{status_label(head['status'], f.lang)}</span>",
            unsafe_allow_html=True,
        )
        st.metric(
            ctx.t("col_completion"),
            fmt.pct(head["completion"]),
            delta=fmt.gap(head["completion"], head["time_progress"], f.lang),
            delta_color="normal" if head["completion"] is not None else "off",
            help=ctx.t("metric_help"),
        )
        st.caption(
            ctx.t(
                "card_numbers",
                actual=fmt.num(head["actual"]),
                target=fmt.num(head["target"]),
                unit=unit_label(head["unit"], f.lang),
                tp=fmt.pct(head["time_progress"]),
            )
        )

# 2. what needs attention, each a link to its page (links flow and wrap across the width)
st.subheader(ctx.t("attention_title"))
with st.container(border=True):
    for title, items, empty in (
        ("attention_programmes", data.programme_links, "attention_none_programmes"),
        ("attention_institutions", data.institution_links, "attention_none_institutions"),
        ("attention_towns", data.town_links, "attention_none_towns"),
    ):
        label, body = st.columns([1, 5], vertical_alignment="center")
        label.markdown(f"**{ctx.t(title)}**")
        with body.container(horizontal=True, gap="small"):
            if not items:
                st.caption(ctx.t(empty))
            for item in items[: overview.SHOWN]:
                st.page_link(
                    PAGES[item.page],
                    label=item.label,  # Markdown whose names are escaped (dashboard/overview.py)
                    query_params=item.params,
                    help=plain(item.help) if item.help else None,
                    width="content",
                )
            if len(items) > overview.SHOWN:
                st.caption(ctx.t("attention_more", n=len(items) - overview.SHOWN))

# 3. every programme: the bullet chart, then the table (downloadable from its toolbar)
st.subheader(ctx.t("programmes_title"))
st.plotly_chart(bullet_chart(data.rows, f.lang), theme=None, key="overview_bullets")
st.markdown(status_legend(f.lang), unsafe_allow_html=True)
frame, config = programme_table(data.rows, f.lang)
st.dataframe(
    frame,
    column_config=config,
    hide_index=True,
    height=height(frame.height),
    placeholder=PLACEHOLDER,
    key="overview_table",
)
