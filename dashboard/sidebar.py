"""The sidebar: language, region (plan), programme and as-of date, shared by every page.

The widgets live in app.py's run, which wraps every page, so a choice survives page changes.
A link may carry ?programme=ID (or ?plan=KEY): it is applied to the widgets once and removed.
The as-of date follows the latest record date of the chosen plans until the user picks a date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from catalogue.region_scope import RegionScope
from dashboard import cached
from dashboard.source import CatalogueKey, Health, Reader, WarehouseId, default_as_of
from targets.plans import LANGS, Filters, Lang, plan_of, programme_options, quota_label
from ui.i18n import t
from ui.labels import INDENT

KEY_LANG, KEY_PLAN, KEY_PROGRAMME, KEY_AS_OF = "lang", "plan", "programme", "as_of"
ALL = "*"  # the "all regions" / "all programmes" option (a selectbox treats None as empty)
_AUTO = "_as_of_auto"  # the as-of date we last set ourselves
EARLIEST = date(2015, 1, 1)
LANG_NAMES = {"zh": "中文", "en": "English"}
ENTER_APPLIES_DATE = """<script>
if (!window.__skilltrackEnterAppliesDate) {
  window.__skilltrackEnterAppliesDate = true;
  document.addEventListener("keydown", (event) => {
    const field = event.target.closest && event.target.closest('[data-testid="stDateInput"]');
    if (event.key !== "Enter" || !field) { return; }
    event.target.blur();
    for (const kind of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
      document.body.dispatchEvent(new MouseEvent(kind, { bubbles: true }));  // "a click elsewhere"
    }
  }, true);
}
</script>"""


def apply_link(params: Any, region: RegionScope, ckey: CatalogueKey) -> None:
    """Move ?programme= / ?plan= from the URL into the filters (before the widgets exist); a
    programme or plan outside the user's region is not in their catalogue and is dropped."""
    cat = cached.catalogue(region, ckey)
    all_plans = cached.all_plans(region, ckey)
    ss = st.session_state
    if "programme" in params:
        pid = params["programme"]
        owner = plan_of(all_plans, pid) if pid in cat else None
        if owner is not None:
            ss[KEY_PLAN], ss[KEY_PROGRAMME] = owner.key, pid
        del params["programme"]
    if "plan" in params:
        key = params["plan"]
        if any(p.key == key for p in all_plans):
            ss[KEY_PLAN], ss[KEY_PROGRAMME] = key, ALL
        del params["plan"]


def _latest(
    wid: WarehouseId | None,
    ckey: CatalogueKey,
    region: RegionScope,
    health: Health,
    plan: str | None,
    reader: Reader,
) -> date | None:
    """The latest record date of the plan (of every plan when none is chosen) in the region."""
    if wid is None or health.state != "ready" or (plan is None and region.everything):
        return health.latest
    fresh = cached.freshness(wid, ckey, region, reader)
    if plan is None:
        latest = fresh.get_column("latest_record").max()
        return latest if isinstance(latest, date) else health.latest
    dates = [d for k, d in fresh.select("plan", "latest_record").iter_rows() if k == plan]
    return dates[0] if dates else health.latest


def choice(
    label: str, options: list[str], state: str, fmt: Callable[[str], str], lang: Lang
) -> str:
    """A selectbox whose choice lives in st.session_state[state], shared by every page.

    The widget's own key carries the language: its options are shown formatted, and a widget
    kept across a language switch would go on showing the old language's text.
    """
    ss = st.session_state
    if ss.get(state) not in options:
        ss[state] = ALL
    widget = f"_{state}_{lang}"
    if ss.get(widget) != ss[state]:
        ss[widget] = ss[state]

    def keep() -> None:
        ss[state] = ss[widget]

    picked: str = st.sidebar.selectbox(label, options, format_func=fmt, key=widget, on_change=keep)
    ss[state] = picked
    return picked


def render(
    wid: WarehouseId | None,
    ckey: CatalogueKey,
    region: RegionScope,
    health: Health,
    today: date,
    reader: Reader,
) -> Filters:
    """Draw the sidebar's filters (the plans of the user's region only) and return them."""
    ss = st.session_state
    apply_link(st.query_params, region, ckey)
    lang: Lang = (
        st.sidebar.segmented_control(
            "语言 Language",
            LANGS,
            default="zh",
            format_func=lambda code: LANG_NAMES[code],
            key=KEY_LANG,
            required=True,
        )
        or "zh"
    )
    cat = cached.catalogue(region, ckey)
    all_plans = cached.all_plans(region, ckey)
    plan_keys = [p.key for p in all_plans]
    labels = {p.key: p.label(lang) for p in all_plans}
    picked_plan = choice(
        t("region", lang),
        [ALL, *plan_keys],
        KEY_PLAN,
        lambda k: t("all_regions", lang) if k == ALL else labels[k],
        lang,
    )
    plan = None if picked_plan == ALL else picked_plan
    chosen = [p for p in all_plans if plan is None or p.key == plan]
    options = programme_options(cat, chosen)

    def programme_label(pid: str) -> str:
        if pid == ALL:
            return t("all_programmes", lang)
        depth = cat.depth(pid)
        return INDENT * min(depth, 1) + "　" * max(depth - 1, 0) + quota_label(cat.get(pid), lang)

    picked = choice(t("programme", lang), [ALL, *options], KEY_PROGRAMME, programme_label, lang)
    programme = None if picked == ALL else picked
    auto = default_as_of(_latest(wid, ckey, region, health, plan, reader), today)
    if KEY_AS_OF not in ss or ss[KEY_AS_OF] is None or ss[KEY_AS_OF] == ss.get(_AUTO):
        ss[KEY_AS_OF] = auto
    ss[_AUTO] = auto
    as_of = st.sidebar.date_input(
        t("as_of", lang),
        min_value=EARLIEST,
        max_value=today,
        key=KEY_AS_OF,
        help=t("as_of_help", lang),
        format="YYYY-MM-DD",
    )
    # A typed date applies on Enter, not only when the field loses focus (Streamlit's date field
    # commits on blur): Enter inside it blurs it. Our own constant script, no user text in it.
    st.html(ENTER_APPLIES_DATE, unsafe_allow_javascript=True)
    if not isinstance(as_of, date):
        as_of = auto
    if health.state == "ready" and region.everything:  # the whole warehouse's count
        st.sidebar.caption(
            t("data_as_of", lang, records=f"{health.records:,}", latest=health.latest)
        )
    return Filters(as_of=as_of, plan=plan, programme=programme, lang=lang)
