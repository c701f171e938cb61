"""审计日志 Audit log (administrators only): every sign-in, sign-out, record-level view, load,
download, briefing and account change, newest first, filtered by day, user and action."""

from __future__ import annotations

import json
from datetime import date, timedelta

import polars as pl
import streamlit as st

from access import audit
from dashboard import auth
from dashboard.view import context
from ui.tables import PLACEHOLDER

ctx = context()
st.header(ctx.t("audit_title"))
if not ctx.user.may("admin"):  # the navigation does not list it; a direct URL ends here
    st.error(ctx.t("audit_admin_only"))
    st.stop()
state = auth.state()
st.caption(ctx.t("audit_caption"))  # no server path on a page
c1, c2, c3 = st.columns(3)
since = c1.date_input(
    ctx.t("audit_since"), value=date.today() - timedelta(days=30), key="audit_since"
)
users = sorted({e.user for e in audit.entries(state) if e.user})
ALL = "*"
who = c2.selectbox(
    ctx.t("audit_user"),
    [ALL, *users],
    format_func=lambda u: ctx.t("audit_all") if u == ALL else u,
    key=f"audit_user_{ctx.lang}",  # formatted options: one widget per language
)
what = c3.selectbox(
    ctx.t("audit_action"),
    [ALL, *audit.ACTIONS],
    format_func=lambda a: ctx.t("audit_all") if a == ALL else ctx.t(f"action_{a}"),
    key=f"audit_action_{ctx.lang}",
)
rows = audit.entries(
    state,
    since=since if isinstance(since, date) else None,
    user=None if who == ALL else who,
    action=None if what == ALL else what,
)
st.caption(ctx.t("audit_count", n=len(rows)))
frame = pl.DataFrame(
    {
        "at": [f"{e.at:%Y-%m-%d %H:%M:%S}" for e in rows],
        "user": [e.user for e in rows],
        "action": [ctx.t(f"action_{e.action}") for e in rows],
        "what": [e.what for e in rows],
        "scope": [e.scope for e in rows],
        "rows": [e.rows for e in rows],
        "detail": [json.dumps(e.detail, ensure_ascii=False) if e.detail else "" for e in rows],
    },
    schema={
        "at": pl.String,
        "user": pl.String,
        "action": pl.String,
        "what": pl.String,
        "scope": pl.String,
        "rows": pl.Int64,
        "detail": pl.String,
    },
)
cc = st.column_config
st.dataframe(
    frame,
    hide_index=True,
    placeholder=PLACEHOLDER,
    key="audit_table",
    column_config={
        "at": cc.TextColumn(ctx.t("col_at"), pinned=True),
        "user": cc.TextColumn(ctx.t("col_user")),
        "action": cc.TextColumn(ctx.t("col_action")),
        "what": cc.TextColumn(ctx.t("col_what")),
        "scope": cc.TextColumn(ctx.t("col_scope")),
        "rows": cc.NumberColumn(ctx.t("col_rows_n"), format="localized"),
        "detail": cc.TextColumn(ctx.t("col_detail")),
    },
)
