"""Sign-in sessions: a random token per browser session, kept hashed in the state file.

A session ends 8 hours after sign-in, at sign-out, or when its account is disabled or its
password reset; every page run checks it (`current`), so an ended session shows the sign-in
page on the next click.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from access import audit
from access.accounts import COLUMNS, User, now, user_of
from access.store import connect

LIFETIME = timedelta(hours=8)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(state: Path, user: User, *, at: datetime | None = None) -> str:
    """A new session of the user; the token to keep in the browser session."""
    token = secrets.token_urlsafe(32)
    moment = at or now()
    with connect(state) as con:
        con.execute(
            "insert into sessions (token_hash, name, started_at, expires_at) values (?, ?, ?, ?)",
            [_hash(token), user.name, moment.isoformat(), (moment + LIFETIME).isoformat()],
        )
    return token


def current(state: Path, token: str | None, *, at: datetime | None = None) -> User | None:
    """The session's user while it lasts and the account is enabled; None otherwise."""
    if not token:
        return None
    moment = (at or now()).isoformat()
    with connect(state) as con:
        row = con.execute(
            f"select {', '.join('a.' + c.strip() for c in COLUMNS.split(','))} "
            "from sessions as s join accounts as a on a.name = s.name "
            "where s.token_hash = ? and s.ended_at is null and s.expires_at > ? "
            "and not a.disabled",
            [_hash(token), moment],
        ).fetchone()
    return user_of(row) if row else None


def end(state: Path, token: str | None, *, expired: bool = False) -> None:
    """Sign-out (or an expired session noticed): the session ends and the log says so."""
    if not token:
        return
    with connect(state) as con:
        row = con.execute(
            "select name from sessions where token_hash = ? and ended_at is null", [_hash(token)]
        ).fetchone()
        if row is None:
            return
        con.execute(
            "update sessions set ended_at = ? where token_hash = ?",
            [now().isoformat(), _hash(token)],
        )
        audit.write(con, row[0], "session_expired" if expired else "sign_out", row[0])
