"""项目进度 Programmes: one programme's sub-quotas, trajectory, rates, years and breakdowns."""

from __future__ import annotations

import streamlit as st

from dashboard import programme
from dashboard.view import context, guarded, require_data, status_legend
from targets.plans import programme_heading
from ui import fmt
from ui.charts.institutions import breakdown_chart
from ui.charts.progress import rates_chart, trajectory_chart, yearly_chart
from ui.i18n import actual_metric, status_label, unit_label
from ui.tables import PLACEHOLDER, height, programme_table, years_table
from ui.theme import status_colour

ctx = context()
f = ctx.filters
wid = require_data(ctx)
pid = ctx.focus
if pid is None:
    st.info(ctx.t("nothing_here"))
    st.stop()

with guarded(ctx):
    data = programme.build(wid, ctx, pid)
q, head = data.quota, data.head
unit = unit_label(q.unit, f.lang)  # the documents' unit in the reader's language

st.header(programme_heading(q, f, ctx.plans))
if f.programme is None:
    st.caption(ctx.t("focus_note"))
st.caption(
    ctx.t(
        "programme_caption",
        as_of=fmt.day(f.as_of),
        start=q.period_start,
        end=q.period_end,
        source=f"{q.source.citation} {q.source.clause}",
    )
)

# headline
c1, c2, c3, c4, c5 = st.columns(5)
c1.markdown(
    f'<span style="color:{status_colour(head["status"])};font-weight:700;font-size:1.6em">'
    f"{status_label(head['status'], f.lang)}</span>",
    unsafe_allow_html=True,
)
c1.caption(ctx.t("col_time_progress") + " " + fmt.pct(head["time_progress"]))
c2.metric(
    *actual_metric(fmt.num(head["actual"]), unit, f.lang),
    delta=ctx.t("of_target_n", target=fmt.num(head["target"])) if head["target"] else None,
    delta_color="off",
    delta_arrow="off",
)
c3.metric(
    ctx.t("col_completion"),
    fmt.pct(head["completion"]),
    delta=fmt.gap(head["completion"], head["time_progress"], f.lang),
    help=ctx.t("metric_help"),
)
c4.metric(
    ctx.t("col_cert_rate"),
    fmt.pct(head["certificate_rate"]),
    delta=ctx.t("threshold_n", thr=fmt.pct(head["certificate_threshold"], 0)),
    delta_color="off",
    delta_arrow="off",
)
c5.metric(
    ctx.t("col_emp_rate"),
    fmt.pct(head["employment_rate"]),
    delta=ctx.t("threshold_n", thr=fmt.pct(head["employment_threshold"], 0)),
    delta_color="off",
    delta_arrow="off",
)

# sub-quotas
if data.subquotas.height > 1:
    st.subheader(ctx.t("subquotas_title"))
    st.markdown(status_legend(f.lang), unsafe_allow_html=True)
    frame, config = programme_table(data.subquotas, f.lang)
    st.dataframe(
        frame,
        column_config=config,
        hide_index=True,
        height=height(frame.height),
        placeholder=PLACEHOLDER,
        key="subquota_table",
    )

# over time
left, right = st.columns(2)
with left:
    st.subheader(ctx.t("trajectory_title"))
    st.plotly_chart(
        trajectory_chart(
            data.trajectory,
            target=q.target,
            unit=unit,
            as_of=f.as_of,
            projected=head["projected_completion"],
            lang=f.lang,
            phases=[(p.name, p.start, p.end) for p in ctx.catalogue.phases(q.id)],
        ),
        theme=None,
        key="trajectory_chart",
    )
    projected = head["projected_completion"]
    if projected is not None and projected > q.period_end:
        st.warning(
            ctx.t(
                "projected_late",
                day=fmt.day(projected),
                end=fmt.day(q.period_end),
                needed=fmt.num(head["needed_to_be_on_pace"]),
                monthly=fmt.num(head["monthly_rate_needed"]),
                unit=unit,
            ),
            icon=":material/schedule:",
        )
    elif projected is not None:
        st.caption(ctx.t("projected_note", day=fmt.day(projected)))
with right:
    st.subheader(ctx.t("rates_title"))
    st.plotly_chart(
        rates_chart(
            data.rates,
            certificate_threshold=head["certificate_threshold"],
            employment_threshold=head["employment_threshold"],
            lang=f.lang,
        ),
        theme=None,
        key="rates_chart",
    )

# per year
st.subheader(ctx.t("years_title"))
left, right = st.columns([1, 1])
with left:
    st.plotly_chart(
        yearly_chart(data.years, unit=unit, lang=f.lang),
        theme=None,
        key="years_chart",
    )
with right:
    if data.years_all.height:
        frame, config = years_table(data.years_all, data.labels, f.lang)
        st.dataframe(
            frame, column_config=config, hide_index=True, placeholder=PLACEHOLDER, key="years_table"
        )
    else:
        st.caption(ctx.t("no_yearly_split"))

# breakdown, one dimension at a time (occupation and category read every record)
st.subheader(ctx.t("breakdown_title"))
dim = (
    st.segmented_control(
        ctx.t("breakdown_by"),
        programme.DIMENSIONS,
        default="occupation",
        format_func=lambda d: ctx.t(f"col_{d}"),
        key="breakdown_dimension",
        required=True,
        label_visibility="collapsed",
    )
    or "occupation"
)
with guarded(ctx):
    parts = programme.breakdown(wid, ctx, pid, dim)
st.plotly_chart(
    breakdown_chart(parts, unit=unit, lang=f.lang),
    theme=None,
    key="breakdown_chart",
)
