"""The dashboard's entry: page config, the first run's demo build, navigation and the sidebar.

`streamlit run app.py`. st.navigation lists app_pages/*.py and this file runs around every
page. The folder is not called pages/: Streamlit 1.67 still discovers a pages/ folder until the
first st.navigation call (a first visitor briefly sees its file names as a menu, and AppTest
runs such pages without this file).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import cached, sidebar
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
health = cached.warehouse_health(wid) if wid is not None else Health("missing", path)
ckey = catalogue_key()

with Reader(path) as reader:  # a cursor on the shared connection, taken on a cache miss
    filters = sidebar.render(wid, ckey, health, date.today(), reader)
    set_context(Context(wid=wid, ckey=ckey, health=health, filters=filters, reader=reader))
    pages = [
        st.Page(
            page.module,
            title=page.label(filters.lang),
            icon=page.icon,
            url_path=page.key,
            default=page.key == DEFAULT_PAGE,
        )
        for page in PAGES
    ]
    st.navigation(pages).run()
