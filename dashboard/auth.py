"""Sign-in for the dashboard: who is signed in this run, the sign-in page, sign-out, the demo
accounts, and the audit entries the pages write (access/ holds the accounts and the log).

A browser session holds a random token (st.session_state); every run asks the state file
whether its session still lasts (8 hours, not signed out, account enabled). Nothing else of the
dashboard runs for a visitor who is not signed in: app.py draws this page and stops, whatever
page, URL or query parameter was asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import streamlit as st

from access import accounts, audit, demo, sessions
from access.accounts import User
from access.audit import Action
from access.exceptions import AccountLocked, SignInFailed
from access.store import state_path
from dashboard.source import WarehouseId, is_demo, warehouse_path
from ui.i18n import Lang, t
from ui.pages import ADMIN_PAGES

KEY_TOKEN = "_access_token"
KEY_LANG = "lang"  # the sidebar's language control: the choice carries over after sign-in
_ENDED = "_access_ended"
_NEXT = "_access_next"  # the page a link asked for before sign-in
_PARAMS = "_access_params"  # and its query parameters (?programme=…)
_SSO_TRIED = "_access_sso_tried"


def state() -> Path:
    """The accounts and audit file beside the warehouse (access.store.state_path)."""
    return state_path(warehouse_path())


def current() -> User | None:
    """The signed-in user of this browser session, or None (an ended session is logged)."""
    token = st.session_state.get(KEY_TOKEN)
    user = sessions.current(state(), token)
    if token and user is None:
        sessions.end(state(), token, expired=True)
        _forget()
        st.session_state[_ENDED] = True
    return user


def sign_in(user: User) -> None:
    st.session_state[KEY_TOKEN] = sessions.start(state(), user)
    st.session_state.pop(_ENDED, None)


def sign_out() -> None:
    """End the session; nothing the last user saw stays in the browser session."""
    sessions.end(state(), st.session_state.get(KEY_TOKEN))
    _forget()


def _forget() -> None:
    lang = st.session_state.get(KEY_LANG)
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    if lang is not None:
        st.session_state[KEY_LANG] = lang


@st.cache_resource(show_spinner=False, max_entries=4)
def demo_password(wid: WarehouseId | None, state_file: str) -> str | None:
    """Demo accounts exactly while the warehouse is the demo one (once per file version)."""
    demo_warehouse = wid is not None and is_demo(Path(wid.path))
    return demo.ensure(Path(state_file), demo_warehouse)


def sso_configured() -> bool:
    """Whether .streamlit/secrets.toml has an [auth] section for st.login (OIDC)."""
    try:
        return "auth" in st.secrets
    except Exception:  # Streamlit raises its own errors for a missing or broken secrets file
        return False


def _sso_user(lang: Lang) -> User | None:
    """The account mapped to the identity st.login signed in, if any."""
    if not getattr(st.user, "is_logged_in", False):
        return None
    subject = str(st.user.get("email") or st.user.get("sub") or "")
    user = accounts.by_sso(state(), subject) if subject else None
    if user is None and not st.session_state.get(_SSO_TRIED):
        st.session_state[_SSO_TRIED] = True
        audit.record(state(), subject or None, "sign_in_failed", subject, detail={"sso": True})
        st.error(t("signin_sso_unknown", lang, who=subject))
    elif user is not None:
        audit.record(state(), user.name, "sign_in", user.name, user.scope.path, detail={"sso": 1})
    return user


def remember(page: str) -> None:
    """The page and query parameters a visitor asked for, kept until they sign in."""
    st.session_state[_NEXT] = page
    if st.query_params:
        st.session_state[_PARAMS] = {k: st.query_params[k] for k in st.query_params}


def enter(user: User, pages: Mapping[str, Any]) -> NoReturn:
    """Sign the user in and open the page they asked for (the Overview if not theirs)."""
    sign_in(user)
    wanted = st.session_state.pop(_NEXT, "overview")
    params = st.session_state.pop(_PARAMS, None)
    if wanted not in pages or (wanted in ADMIN_PAGES and not user.may("admin")):
        wanted = "overview"
    st.switch_page(pages[wanted], query_params=params)


def render_sign_in(lang: Lang, demo_secret: str | None, pages: Mapping[str, Any]) -> None:
    """The sign-in page: a form, the demo accounts on the demo warehouse, single sign-on;
    `pages` (by key) to open the one the visitor asked for once signed in."""
    st.segmented_control(
        "语言 Language",
        ["zh", "en"],
        default="zh",
        format_func=lambda c: "中文" if c == "zh" else "English",
        key=KEY_LANG,
        required=True,
    )
    st.header(t("signin_title", lang))
    st.caption(t("signin_caption", lang))
    if st.session_state.get(_ENDED):
        st.info(t("signin_ended", lang))
    if sso_configured():
        user = _sso_user(lang)
        if user is not None:
            enter(user, pages)
        st.button(t("signin_sso", lang), on_click=st.login, key="signin_sso")
    with st.form("signin", clear_on_submit=False, width=420):
        name = st.text_input(t("signin_name", lang), key="signin_name", autocomplete="username")
        password = st.text_input(
            t("signin_password", lang),
            type="password",
            key="signin_password",
            autocomplete="current-password",
        )
        submitted = st.form_submit_button(t("signin_button", lang), type="primary", key="signin")
    if submitted:
        try:
            user = accounts.verify(state(), name or "", password or "")
        except AccountLocked as exc:
            st.error(t("signin_locked", lang, until=f"{exc.until:%H:%M}"))
        except SignInFailed:
            st.error(t("signin_failed", lang))
        else:
            enter(user, pages)
    if demo_secret is not None:
        st.subheader(t("demo_title", lang))
        st.markdown(t("demo_note", lang, password=demo_secret))
        st.markdown(demo_accounts(lang))


def demo_accounts(lang: Lang) -> str:
    """The demo accounts as a Markdown list (our own words only): name · role · scope."""
    col = 1 if lang == "en" else 0
    return "\n".join(
        f"- `{name}` · {accounts.ROLE_NAMES[role][col]} · {scope or t('all_regions', lang)}"
        for name, role, scope in demo.ACCOUNTS
    )


def role_name(user: User, lang: Lang) -> str:
    return accounts.ROLE_NAMES[user.role][1 if lang == "en" else 0]


def scope_name(user: User, lang: Lang) -> str:
    return t("all_regions", lang) if user.scope.everything else user.scope.label


def log(
    user: User,
    action: Action,
    what: str,
    rows: int | None = None,
    **detail: Any,
) -> None:
    """One audit entry of the user's, on their scope."""
    audit.record(state(), user.name, action, what, user.scope.path, rows, detail=detail)


def log_once(user: User, action: Action, what: str, rows: int | None = None) -> None:
    """log(), once per browser session for the same action and object (a page's reruns)."""
    seen: set[tuple[str, str]] = st.session_state.setdefault("_access_logged", set())
    if (action, what) not in seen:
        seen.add((action, what))
        log(user, action, what, rows)


def render_account(user: User, lang: Lang) -> None:
    """The sidebar's account line and the sign-out button."""
    who = t("signed_in_as", lang, name=user.name, role=role_name(user, lang), scope="")
    st.sidebar.caption(f":material/person: {who.rstrip(' ·')}")
    st.sidebar.caption(t("scope_note", lang, scope=scope_name(user, lang)))
    st.sidebar.button(
        t("sign_out", lang), on_click=sign_out, icon=":material/logout:", key="sign_out"
    )
