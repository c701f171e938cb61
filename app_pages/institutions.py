"""培训机构 Institutions: certificate rate against employment rate per institution and year, the
thresholds as quadrants; who loses eligibility next year and who is within 5 points of a line."""

from __future__ import annotations

import streamlit as st

from dashboard import institutions, subsidy
from dashboard.view import context, guarded, require_data
from targets import attention
from ui import fmt
from ui.charts.institutions import quadrant_chart
from ui.tables import PLACEHOLDER, height, institutions_table

ctx = context()
f = ctx.filters
wid = require_data(ctx)
st.header(ctx.t("institutions_title"))

with guarded(ctx):
    scope = institutions.scope(ctx)
    years = institutions.years(wid, ctx, scope)
if not years:
    st.info(ctx.t("no_institutions"))
    st.stop()
year = (
    st.segmented_control(
        ctx.t("col_year"),
        years,
        default=f.as_of.year if f.as_of.year in years else years[0],
        format_func=str,
        key="institution_year",
        required=True,
    )
    or years[0]
)
cert_thr, emp_thr = scope.thresholds
source = institutions.rule_source(ctx, scope, year)  # None: no document takes eligibility away
st.caption(
    ctx.t(
        "institutions_rule" if source else "institutions_reference",
        year=year,
        next=year + 1,
        cert=fmt.pct(cert_thr, 0),
        emp=fmt.pct(emp_thr, 0),
        source=source or "",
        whom=ctx.t("rule_whole" if scope.whole else "rule_programme", name=scope.name),
    )
)

with guarded(ctx):
    frame = institutions.judged(wid, ctx, scope, year)
    # the subsidy audit's flagged share beside the rates (dashboard/subsidy.py)
    audited = scope.quota_ids or tuple(q.id for q in ctx.catalogue.quotas)
    shares = subsidy.flagged_shares(wid, ctx.ckey, ctx.region, f.as_of, audited, year, ctx.reader)
    frame = frame.join(shares, on="institution", how="left", nulls_equal=True)
failing = attention.failing_institutions(frame)
near = attention.near_institutions(frame)
m1, m2, m3 = st.columns(3)
m1.metric(ctx.t("inst_count"), f"{frame.height}")
m2.metric(ctx.t("inst_failing" if source else "inst_below"), f"{failing.height}")
m3.metric(ctx.t("inst_near"), f"{near.height}")

st.plotly_chart(
    quadrant_chart(
        frame,
        certificate_threshold=cert_thr,
        employment_threshold=emp_thr,
        lang=f.lang,
        ruled=source is not None,
    ),
    theme=None,
    key="quadrant_chart",
)

for title, part, empty, key, first in (
    (
        "failing_title" if source else "below_title",
        failing,
        "failing_none" if source else "below_none",
        "failing_table",
        1,
    ),
    ("near_title", near, "near_none", "near_table", failing.height + 1),
):
    st.subheader(ctx.t(title, next=year + 1))
    if part.is_empty():
        st.caption(ctx.t(empty))
    else:
        table, config = institutions_table(part, f.lang, scope.thresholds, first)
        st.dataframe(
            table,
            column_config=config,
            hide_index=True,
            height=height(table.height, 12),
            placeholder=PLACEHOLDER,
            key=key,
        )

with st.expander(ctx.t("all_institutions", n=frame.height)):
    table, config = institutions_table(frame, f.lang, scope.thresholds)
    st.dataframe(
        table,
        column_config=config,
        hide_index=True,
        placeholder=PLACEHOLDER,
        key="all_institutions_table",
    )
