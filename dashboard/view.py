"""What every page starts with: the run's context (warehouse, filters, language), the warehouse
check that explains a missing or empty warehouse, and the error guard that shows errors in
Chinese with what to do next instead of a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn

import streamlit as st

from access.accounts import User
from catalogue.loader import Catalogue
from catalogue.region_scope import RegionScope
from dashboard import cached
from dashboard.source import CatalogueKey, Health, Reader, WarehouseId
from etl.exceptions import EtlError
from targets.exceptions import NotAudited, TargetsError, WarehouseUnavailable
from targets.plans import Filters, Lang, Plan, chosen_plans, focus, in_scope
from ui.i18n import t
from ui.pages import PAGE_FILES
from ui.plain import plain
from ui.theme import STATUS_COLOURS, STATUS_KEYS, status_icon
from warehouse.exceptions import WarehouseError

PAGES = PAGE_FILES  # key → script, from the one list of pages (ui.pages)
_CONTEXT = "_context"


@dataclass(frozen=True)
class Context:
    """One run's signed-in user, warehouse, catalogue key, health and filters."""

    user: User
    wid: WarehouseId | None
    ckey: CatalogueKey
    health: Health
    filters: Filters
    reader: Reader  # the run's connection, opened on the first cache miss

    @property
    def region(self) -> RegionScope:
        """The user's scope: every read of the run is limited to it."""
        return self.user.scope

    @property
    def lang(self) -> Lang:
        return self.filters.lang

    @property
    def catalogue(self) -> Catalogue:
        return cached.catalogue(self.region, self.ckey)

    @property
    def plans(self) -> list[Plan]:
        return chosen_plans(cached.all_plans(self.region, self.ckey), self.filters.plan)

    @property
    def scope(self) -> list[str]:
        """The quota ids the filters cover."""
        return in_scope(self.catalogue, self.filters, cached.all_plans(self.region, self.ckey))

    @property
    def focus(self) -> str | None:
        """The one quota a single-programme page shows."""
        return focus(self.catalogue, self.filters, cached.all_plans(self.region, self.ckey))

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)


def set_context(ctx: Context) -> None:
    st.session_state[_CONTEXT] = ctx


def context() -> Context:
    """The context app.py set for this run."""
    ctx: Context = st.session_state[_CONTEXT]
    return ctx


def require_data(ctx: Context) -> WarehouseId:
    """The warehouse's identity when it holds records; otherwise explain why not and stop."""
    h = ctx.health
    if h.state == "ready" and ctx.wid is not None:
        return ctx.wid
    if h.state == "missing":
        st.info(ctx.t("missing"))
    elif h.state == "empty":
        st.info(ctx.t("empty"))
    else:
        st.error(ctx.t("unreadable", detail=plain(h.detail)))
    st.page_link(PAGES["data"], label=ctx.t("go_data"), icon=":material/upload_file:")
    st.stop()


def fail(ctx: Context, exc: Exception) -> NoReturn:
    """Show an error the user can act on, then stop the page."""
    if isinstance(exc, NotAudited):  # nothing is wrong: the next load judges the records
        st.info(ctx.t("not_audited"))
    elif isinstance(exc, WarehouseUnavailable):
        st.error(ctx.t("unreadable", detail=plain(exc.message)))
    elif isinstance(exc, TargetsError):
        st.error(ctx.t("error_targets", detail=plain(exc)))
    else:
        st.error(ctx.t("error_etl", detail=plain(exc)))
    st.stop()


@contextmanager
def guarded(ctx: Context) -> Iterator[None]:
    """Errors of our own packages become a message in the page's language, never a traceback."""
    try:
        yield
    except (TargetsError, EtlError, WarehouseError) as exc:
        fail(ctx, exc)


def status_legend(lang: Lang) -> str:
    """One line of HTML: every status in its colour with its icon and word."""
    from ui.i18n import status_word

    parts = []
    for key in STATUS_KEYS:
        status = None if key == "none" else key
        parts.append(
            f'<span style="color:{STATUS_COLOURS[key]};font-weight:600;margin-right:1em">'
            f"{status_icon(status)} {status_word(status, lang)}</span>"
        )
    return "".join(parts)
