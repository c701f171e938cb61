"""数据 Data: upload ledgers and load them, the load's summary with the reasons in Chinese and the
rejected rows as XLSX; the batch history and how fresh each region's data is.

Loading is for officers and administrators, for their scope; the quarantined rows (record-level
data) are for every role but viewers, of the batches the user may see whole; each view and
download of them is written to the audit log."""

from __future__ import annotations

from datetime import date

import streamlit as st

from access import loads
from dashboard import auth, cached, ledger, upload
from dashboard.view import context, guarded
from ui.plain import plain
from ui.tables import PLACEHOLDER, height

REPORT = "_load_report"
ctx = context()
f = ctx.filters
path = ctx.health.path
st.header(ctx.t("data_title"))
st.caption(ctx.t("data_caption"))  # no server path: users never see one

user = ctx.user
role = auth.role_name(user, f.lang)

# 1. upload and load (officers and administrators, for their scope)
types = "、".join(x.upper() if x != "parquet" else "Parquet" for x in upload.ACCEPTED)
files: list[upload.Uploaded] = []
region: str | None = None
if not user.may("load"):
    st.info(ctx.t("no_load_right", role=role))
else:
    if not user.scope.everything:
        st.caption(ctx.t("load_scope_note", scope=user.scope.label))
    if f.lang == "zh":
        mb = st.get_option("server.maxUploadSize")
        st.html(
            upload.uploader_style(
                ctx.t("upload_button"), ctx.t("upload_limits", mb=mb, types=types)
            )
        )
    # every type is let through and refused here, in the page's language (Streamlit's own
    # refusal is an English tooltip)
    chosen = st.file_uploader(
        ctx.t("upload_label"),
        accept_multiple_files=True,
        help=ctx.t("upload_help"),
        key="uploads",
    )
    for refused in [u for u in chosen or [] if not upload.accepted(u.name)]:
        st.error(
            ctx.t("upload_refused", file=plain(refused.name), types=types),
            icon=":material/block:",
        )
    files = [u for u in chosen or [] if upload.accepted(u.name)]
    # the batch's region (`--region`): a scoped user's own region or a place inside it; for every
    # region, by default the region the first file's rows name
    places = upload.region_choices(ctx.catalogue, user.scope)
    named = upload.named_region(files[0], ctx.catalogue, path) if files else None
    region = st.selectbox(
        ctx.t("upload_region"),
        places,
        index=places.index(named) if named in places else 0,
        format_func=lambda p: ctx.t("upload_region_rows") if p is None else p,
        help=ctx.t("upload_region_help"),
        key=f"upload_region_{named}_{ctx.lang}",
    )
if user.may("load") and st.button(
    ctx.t("load_button"), type="primary", disabled=not files, key="load_button"
):
    bar = st.progress(0.0, text=ctx.t("loading_start"))
    st.session_state[REPORT] = upload.load_uploads(
        files or [],
        path,
        f.lang,
        lambda share, text: bar.progress(share, text=text),
        date.today(),
        user,
        region,
        catalogue=ctx.catalogue,
    )
    st.rerun()  # the warehouse was swapped: every page and the sidebar read the new file

report: upload.LoadReport | None = st.session_state.get(REPORT)
if report is not None:
    st.subheader(ctx.t("load_result_title"))
    for _file, message in report.failures:
        st.error(message, icon=":material/error:")
    if report.results:
        st.success(ctx.t("load_ok", n=sum(r.loaded for r in report.results)))
        st.dataframe(
            upload.summary_frame(report.results, f.lang), hide_index=True, key="load_summary"
        )
    for r in report.results:
        if r.duplicate_of:
            st.info(ctx.t("load_repeat", file=plain(r.file), batch=r.duplicate_of))
        if r.reasons:
            st.markdown(ctx.t("reasons_of", file=plain(r.file), n=r.rejected))
            st.dataframe(
                upload.reasons_frame(r.reasons, f.lang),
                hide_index=True,
                key=f"reasons_{r.batch_id}",
            )
        if r.batch_id in report.rejects:
            st.download_button(
                ctx.t("download_rejects", file=plain(r.file)),
                report.rejects[r.batch_id],
                on_click=auth.log,
                args=(user, "download", ledger.rejects_file_name(r.file), r.rejected),
                file_name=ledger.rejects_file_name(r.file),
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                icon=":material/download:",
                key=f"download_{r.batch_id}",
            )

wid = ctx.wid
if wid is None or ctx.health.state == "unreadable":
    if ctx.health.state == "unreadable":
        st.error(ctx.t("unreadable", detail=plain(ctx.health.detail)))
    st.stop()

# 2. freshness per region and the batch history
with guarded(ctx):
    own = () if user.scope.everything else loads.own(auth.state(), user.scope)
    fresh = cached.freshness(wid, ctx.ckey, ctx.region, ctx.reader)
    history = ledger.in_view(cached.batches(wid, ctx.ckey, ctx.region, own, ctx.reader), f.plan)
st.subheader(ctx.t("freshness_title"))
table, config = ledger.freshness_table(fresh, ctx.plans, f.lang, date.today())
st.dataframe(
    table, column_config=config, hide_index=True, placeholder=PLACEHOLDER, key="freshness_table"
)

st.subheader(ctx.t("batches_title"))
table, config = ledger.batches_table(history, cached.all_plans(ctx.region, ctx.ckey), f.lang)
st.dataframe(
    table,
    column_config=config,
    hide_index=True,
    height=height(table.height, 12),
    placeholder=PLACEHOLDER,
    key="batches_table",
)

# 3. the quarantine of the batches the user may see whole (not for viewers)
choices = ledger.reject_batches(history)
st.subheader(ctx.t("rejects_title"))
if not user.may("download"):
    st.caption(ctx.t("no_download_right", role=role))
    st.stop()
if not choices:
    st.caption(ctx.t("rejects_none"))
    st.stop()
names = dict(choices)
batch = st.selectbox(
    ctx.t("rejects_batch"),
    list(names),
    format_func=lambda b: f"{names[b]} · {b}",  # options are plain text
    key="rejects_batch",
)
with guarded(ctx):
    rejected = cached.rejects(wid, batch)
auth.log_once(user, "view", f"被拒记录 {names[batch]} · {batch}", rejected.height)
st.caption(ctx.t("rejects_masked", n=rejected.height))
st.dataframe(rejected.head(500), hide_index=True, key="rejects_table")
st.download_button(
    ctx.t("download_rejects", file=plain(names[batch])),
    data=lambda: upload.rejects_download(path, batch, names[batch], user),
    file_name=ledger.rejects_file_name(names[batch]),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
    icon=":material/download:",
    key="download_history_rejects",
)
