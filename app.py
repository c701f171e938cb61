"""The dashboard's entry: page config, the first run's demo build, navigation and the sidebar.

`streamlit run app.py`. st.navigation lists app_pages/*.py and this file runs around every
page. The folder is not called pages/: Streamlit 1.67 still discovers a pages/ folder until the
first st.navigation call (a first visitor briefly sees its file names as a menu, and AppTest
runs such pages without this file).
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from dashboard import auth, cached, sidebar
from dashboard.source import (
    Health,
    Reader,
    build_demo_once,
    catalogue_key,
    demo_rows,
    demo_wanted,
    identity,
    upgrade_once,
    warehouse_path,
)
from dashboard.view import Context, set_context
from etl.exceptions import EtlError
from ui.i18n import Lang, t
from ui.pages import DEFAULT_PAGE, PAGES
from ui.plain import plain
from warehouse.exceptions import WarehouseError

st.set_page_config(
    page_title="技能培训目标进度 · skilltrack",
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="expanded",
)

# Less empty space above the title: a leader's laptop or a projector shows 1366×768.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:3.5rem}</style>")

lang: Lang = "en" if st.session_state.get(sidebar.KEY_LANG) == "en" else "zh"
path = warehouse_path()
if not path.exists() and demo_wanted():
    rows = demo_rows()
    building = t("building_demo_n", lang, rows=f"{rows:,}") if rows else t("building_demo", lang)

    def demo_step(file: str) -> str:
        if not file:
            return t("demo_writing", lang)
        return t("demo_loading", lang, file=file)

    with st.status(building, expanded=True) as box:
        bar = st.progress(0.0, text=t("loading_start", lang))

        def show(share: float, file: str) -> None:
            bar.progress(share, demo_step(file))

        try:
            build_demo_once(path, step=show)
            box.update(label=t("built_demo", lang, path=path), state="complete", expanded=False)
        except (EtlError, WarehouseError) as exc:
            box.update(state="error")
            detail = exc.detail if isinstance(exc, WarehouseError) else exc
            st.error(t("error_etl", lang, detail=plain(detail)))

upgrade_once(path)  # a warehouse made by an older version is migrated before it is read
wid = identity(path)


def pages_for(lang: Lang, admin: bool) -> dict[str, StreamlitPage]:
    """The pages a user may open (the audit log for administrators), by key (ui.pages)."""
    return {
        page.key: st.Page(
            page.module,
            title=page.label(lang),
            icon=page.icon,
            url_path=page.key,
            default=page.key == DEFAULT_PAGE,
        )
        for page in PAGES
        if admin or not page.admin
    }


# Sign-in before anything else: a visitor who is not signed in gets this page whatever page,
# link or query parameter they asked for, and no query of the warehouse runs for them.
user = auth.current()
if user is None:
    # The page the link asks for, opened once the visitor has signed in (its menu is hidden
    # and it does not run: nothing of the warehouse is read before sign-in).
    every = pages_for(lang, admin=True)
    asked = st.navigation(list(every.values()), position="hidden")
    auth.remember(next(k for k, p in every.items() if p.url_path == asked.url_path))
    auth.render_sign_in(lang, auth.demo_password(wid, str(auth.state())), every)
    st.stop()
health = cached.warehouse_health(wid) if wid is not None else Health("missing", path)
ckey = catalogue_key()

with Reader(path) as reader:  # a cursor on the shared connection, taken on a cache miss
    filters = sidebar.render(wid, ckey, user.scope, health, date.today(), reader)
    auth.render_account(user, filters.lang)
    set_context(
        Context(user=user, wid=wid, ckey=ckey, health=health, filters=filters, reader=reader)
    )
    pages = pages_for(filters.lang, admin=user.may("admin"))
    st.navigation(list(pages.values())).run()
