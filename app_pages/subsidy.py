"""补贴审核 Subsidy audit: for a region (the sidebar's plan), a year and an institution — what is
due, payable and withheld and why; the trainings each flag marks and excludes; institutions
worst first; the flagged list to download, IDs and phones masked. Everything is of the signed-in
user's region; the flagged list is record-level: not for viewers, and each download is written to
the audit log."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import auth, subsidy
from dashboard.view import context, guarded, require_data
from ui import fmt
from ui.tables import PLACEHOLDER, height
from ui.tables_subsidy import audit_institutions_table, flags_table, why_table

ctx = context()
f = ctx.filters
wid = require_data(ctx)
st.header(ctx.t("subsidy_title"))
st.caption(ctx.t("subsidy_intro", as_of=f.as_of.isoformat()))
scope = tuple(ctx.scope)
region = ctx.region  # the signed-in user's: every figure below is of the records inside it

with guarded(ctx):
    years, institutions = subsidy.options(wid, ctx.ckey, region, f.as_of, scope, ctx.reader)
if not years:
    st.info(ctx.t("subsidy_no_data"))
    st.stop()
left, right = st.columns([1, 2])
year = left.selectbox(
    ctx.t("subsidy_year"),
    [None, *years],
    format_func=lambda y: ctx.t("subsidy_all_years") if y is None else str(y),
    key=f"subsidy_year_{f.lang}",  # formatted options: one widget per language
)
institution = right.selectbox(
    ctx.t("subsidy_institution"),
    [None, *institutions],
    format_func=lambda i: ctx.t("subsidy_all_institutions") if i is None else i,
    key=f"subsidy_institution_{f.lang}",
)

with guarded(ctx):
    data = subsidy.audit(wid, ctx.ckey, region, f.as_of, scope, year, institution, ctx.reader)
tot = data.totals
m = st.columns(5)
for col, key in zip(m[:3], ("amount", "payable", "withheld"), strict=True):
    # short (13.52亿) so that a province's sums fit; the exact yuan in the help
    col.metric(ctx.t(f"subsidy_{key}"), fmt.money(tot[key], f.lang), help=f"{tot[key]:,.0f}")
share = fmt.pct(tot["flagged"] / tot["records"]) if tot["records"] else fmt.DASH
m[3].metric(
    ctx.t("subsidy_flagged"),
    fmt.num(tot["flagged"]),
    ctx.t("subsidy_flagged_of", share=share),
    delta_color="off",
    delta_arrow="off",
)
m[4].metric(ctx.t("subsidy_excluded"), fmt.num(tot["ineligible"]))

why_col, flags_col = st.columns([2, 3])
with why_col:
    st.subheader(ctx.t("subsidy_why_title"))
    if data.why.is_empty():
        st.caption(ctx.t("subsidy_why_none"))
    else:
        table, config = why_table(data.why, f.lang)
        st.dataframe(table, column_config=config, hide_index=True, key="subsidy_why")
    if tot["lapsed"]:
        st.caption(f"{ctx.t('subsidy_lapsed')}: {tot['lapsed']:,.0f}")
with flags_col:
    st.subheader(ctx.t("subsidy_flags_title"))
    flags = data.flags.filter(pl.col("flagged") > 0)
    if flags.is_empty():
        st.caption(ctx.t("subsidy_flags_none"))
    else:
        table, config = flags_table(flags, f.lang)
        st.dataframe(table, column_config=config, hide_index=True, key="subsidy_flags")

st.subheader(ctx.t("subsidy_worst_title"))
table, config = audit_institutions_table(data.institutions, f.lang)
st.dataframe(
    table,
    column_config=config,
    hide_index=True,
    height=height(table.height, 8),
    placeholder=PLACEHOLDER,
    key="subsidy_institutions",
)

user, path, lang = ctx.user, ctx.reader.path, f.lang
if not user.may("download"):
    st.caption(ctx.t("no_download_right", role=auth.role_name(user, lang)))
    st.stop()
file_name = f"补贴审核问题清单_{f.as_of.isoformat()}.csv"
st.download_button(
    ctx.t("subsidy_download", n=fmt.num(tot["flagged"])),
    data=lambda: subsidy.flagged_download(
        path, user, scope, year, institution, f.as_of, lang, file_name
    ),
    file_name=file_name,
    mime="text/csv",
    help=ctx.t("subsidy_download_help"),
    icon=":material/download:",
    disabled=not tot["flagged"],
    key="subsidy_download",
)
