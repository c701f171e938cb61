"""Signing a page test in without the sign-in form: what the form would keep in the session."""

from __future__ import annotations

from pathlib import Path

from access import accounts, sessions
from catalogue.region_scope import EVERYWHERE, RegionScope, resolve

PASSWORD = "page-tests-password"
TOKEN = "_access_token"  # dashboard.auth.KEY_TOKEN


def sign_in(state: Path, name: str = "admin", role: str = "admin", scope: str = "") -> str:
    """A session token of an account (made if missing): what the sign-in page would keep."""
    user = accounts.get(state, name)
    if user is None:
        region: RegionScope = resolve(scope) if scope else EVERYWHERE
        user = accounts.add_user(state, name, role, region, PASSWORD)
    return sessions.start(state, user)
