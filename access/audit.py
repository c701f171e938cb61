"""The append-only audit log: who did what, on which scope, to how many rows.

Actions: sign_in, sign_in_failed, sign_in_locked, sign_out, session_expired, view (a page of
record-level data), load (file, its hash, batch id, counts), download (what, rows), briefing,
account_add, account_disable, account_reset, demo_accounts. SQLite triggers refuse every UPDATE
and DELETE of the table. Text is scrubbed before it is written: an ID number or a mobile phone
number anywhere in an entry is masked (6 + ******** + 4, 3 + **** + 4), so the log never holds
one in full whatever a caller passes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, get_args

from access.store import connect

Action = Literal[
    "sign_in",
    "sign_in_failed",
    "sign_in_locked",
    "sign_out",
    "session_expired",
    "view",
    "load",
    "download",
    "briefing",
    "account_add",
    "account_disable",
    "account_reset",
    "demo_accounts",
]
ACTIONS: tuple[Action, ...] = get_args(Action)
# An 18-character ID (17 digits + digit/X) or an 11-digit mobile number, not inside a longer
# run of digits (a batch id's timestamp, a content hash).
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<![0-9A-Za-z])(1\d{2})\d{4}(\d{4})(?![0-9A-Za-z])")


def scrub(text: str) -> str:
    """The text with every ID and mobile number masked."""
    return _PHONE.sub(r"\1****\2", _ID.sub(r"\1********\2", text))


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    user: str | None
    action: str
    what: str
    scope: str
    rows: int | None
    detail: dict[str, Any]


def write(
    con: sqlite3.Connection,
    user: str | None,
    action: Action,
    what: str = "",
    scope: str = "",
    rows: int | None = None,
    *,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> None:
    """One entry, in the caller's transaction."""
    moment = at or datetime.now(UTC).replace(microsecond=0)
    body = scrub(json.dumps(detail or {}, ensure_ascii=False, default=str))
    con.execute(
        "insert into audit (at, user, action, what, scope, rows, detail) "
        "values (?, ?, ?, ?, ?, ?, ?)",
        [
            moment.isoformat(),
            scrub(user) if user else None,
            action,
            scrub(what),
            scope,
            rows,
            body,
        ],
    )


def record(
    state: Path,
    user: str | None,
    action: Action,
    what: str = "",
    scope: str = "",
    rows: int | None = None,
    *,
    detail: dict[str, Any] | None = None,
) -> None:
    """One entry, in a transaction of its own."""
    with connect(state) as con:
        write(con, user, action, what, scope, rows, detail=detail)


def entries(
    state: Path,
    *,
    since: date | None = None,
    user: str | None = None,
    action: str | None = None,
    limit: int | None = None,
) -> list[Entry]:
    """The log, newest first, filtered by day (UTC), user and action."""
    sql = (
        "select id, at, user, action, what, scope, rows, detail from audit "
        "where (? is null or at >= ?) and (? is null or user = ?) "
        "and (? is null or action = ?) order by id desc limit ?"
    )
    start = since.isoformat() if since else None
    params = [start, start, user, user, action, action, -1 if limit is None else limit]
    with connect(state) as con:
        rows = con.execute(sql, params).fetchall()
    return [
        Entry(i, datetime.fromisoformat(at), u, a, w, s, r, json.loads(d))
        for i, at, u, a, w, s, r, d in rows
    ]


def as_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "user": entry.user,
        "action": entry.action,
        "what": entry.what,
        "scope": entry.scope,
        "rows": entry.rows,
        "detail": entry.detail,
    }
