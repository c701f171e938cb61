"""会议简报 Briefing: the joint meeting's 通报, slides and tables for the sidebar's filters in one
click, what changed since the last briefing, and the earlier briefings' snapshots to re-open.

A briefing holds only the records inside the user's scope, and its snapshots are kept and listed
per scope. Officers and administrators make briefings; every made briefing and every download is
written to the audit log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from briefing import session
from briefing.exceptions import BriefingError
from briefing.i18n import t as bt
from briefing.snapshots import scoped, snapshot_dir
from dashboard import auth
from dashboard.view import context, require_data
from etl.exceptions import EtlError
from targets.exceptions import TargetsError
from ui import fmt
from ui.plain import plain
from warehouse.exceptions import WarehouseError

MADE, REOPENED = "_briefing_made", "_briefing_reopened"
ERRORS = (BriefingError, TargetsError, EtlError, WarehouseError)

ctx = context()
f = ctx.filters
lang = f.lang
require_data(ctx)
db = Path(ctx.health.path)
snapshots = scoped(snapshot_dir(db), ctx.region)
user = ctx.user

st.header(bt("title", lang))
st.caption(bt("caption", lang, as_of=fmt.day(f.as_of)))
scope = " · ".join(p.label(lang) for p in ctx.plans) or bt("all_regions", lang)
if f.programme is not None:
    scope += " · " + ctx.catalogue.get(f.programme).name
if not ctx.region.everything:
    scope += " · " + ctx.region.label
st.markdown(bt("scope", lang, scope=scope))

try:
    default = session.office_for(f.plan, f.programme, ctx.region)
except ERRORS as exc:
    st.error(bt("failed", lang, detail=plain(exc)))
    st.stop()
office = st.text_input(
    bt("office", lang),
    value=default,
    help=bt("office_help", lang),
    key=f"briefing_office_{f.plan}_{f.programme}",
)


def follow(bar: DeltaGenerator) -> Callable[[float, str], None]:
    """The briefing's progress (share, what is being done) on a st.progress bar."""

    def update(share: float, what: str) -> None:
        bar.progress(min(share, 1.0), text=what)

    return update


def show(made: session.Made, key: str) -> None:
    """The files to download and the 通报's opening, as the documents say it."""
    c1, c2, c3 = st.columns(3)
    for column, file, label, icon in zip(
        (c1, c2, c3),
        made.files,
        ("download_docx", "download_pptx", "download_xlsx"),
        (":material/description:", ":material/slideshow:", ":material/table:"),
        strict=True,
    ):
        column.download_button(
            bt(label, lang),
            file.data,
            file_name=file.name,
            mime=file.mime,
            on_click=auth.log,
            args=(user, "download", file.name),
            icon=icon,
            key=f"{key}_{label}",
            width="stretch",
        )
    st.markdown(f"**{bt('summary_title', lang)}**")
    for sentence in made.opening():
        st.markdown(f"> {plain(sentence)}")  # names in it are text, never links or images
    if made.changes is not None:
        st.caption(bt("changes_title", lang, previous=fmt.day(made.changes.previous_as_of)))
    else:
        st.caption(bt("no_previous", lang))


if not user.may("brief"):
    st.info(ctx.t("no_brief_right", role=auth.role_name(user, lang)))
elif st.button(bt("make", lang), type="primary", icon=":material/article:", key="briefing_make"):
    bar = st.progress(0.0, text=bt("working", lang))
    try:
        st.session_state[MADE] = made_now = session.make(
            f.as_of,
            scope=ctx.region,
            db=db,
            region=f.plan,
            programme=f.programme,
            office=office.strip() or None,
            snapshots=snapshots,
            progress=follow(bar),
        )
        bar.empty()
        auth.log(
            user,
            "briefing",
            "、".join(file.name for file in made_now.files),
            sum(p.head.actual or 0 for p in made_now.briefing.plans),
            as_of=f.as_of.isoformat(),
            plan=f.plan,
            programme=f.programme,
        )
    except ERRORS as exc:
        bar.empty()
        st.session_state.pop(MADE, None)
        st.error(bt("failed", lang, detail=plain(exc)), icon=":material/error:")

made = st.session_state.get(MADE)
if made is not None:
    st.success(bt("done", lang, as_of=fmt.day(made.briefing.as_of)))
    show(made, "made")

st.subheader(bt("snapshots_title", lang))
items = session.snapshots_in(snapshots)
st.caption(bt("snapshots_caption", lang))  # no server path
if not items:
    st.caption(bt("snapshots_none", lang))
    st.stop()
frame = session.snapshot_frame(items, bt("all_regions", lang))
cc = st.column_config
st.dataframe(
    frame,
    hide_index=True,
    key="briefing_snapshots",
    column_config={
        "as_of": cc.DateColumn(bt("col_as_of", lang), format="YYYY-MM-DD", pinned=True),
        "scope": cc.TextColumn(bt("col_scope", lang)),
        "subject": cc.TextColumn(bt("programme", lang)),
        "office": cc.TextColumn(bt("col_office", lang)),
        "generated_at": cc.DatetimeColumn(bt("col_generated", lang), format="YYYY-MM-DD HH:mm"),
        "file": cc.TextColumn(bt("col_file", lang)),
    },
)
names = {s.path.name: s for s in items}
picked = st.selectbox(
    bt("reopen_pick", lang),
    list(names),
    format_func=lambda n: f"{fmt.day(names[n].as_of)} · {'、'.join(names[n].places)} · {n}",
    key="briefing_pick",
)
if st.button(bt("reopen", lang), icon=":material/history:", key="briefing_reopen"):
    bar = st.progress(0.0, text=bt("working", lang))
    try:
        st.session_state[REOPENED] = session.reopen_snapshot(
            names[picked].path,
            snapshots,
            follow(bar),
        )
        bar.empty()
    except ERRORS as exc:
        bar.empty()
        st.error(bt("failed", lang, detail=plain(exc)), icon=":material/error:")
reopened = st.session_state.get(REOPENED)
if reopened is not None:
    st.info(bt("reopened", lang, as_of=fmt.day(reopened.briefing.as_of)))
    show(reopened, "reopened")
