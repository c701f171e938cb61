"""The demo accounts, for the demo warehouse only.

With the demo warehouse (every batch is one of the demo's own files) there are four accounts:
demo-admin, demo-leader (every region), demo-officer (临沭县) and demo-viewer (凯里市·舟溪镇).
Their password is $SKILLTRACK_DEMO_PASSWORD when set, else one generated once, kept in the
state file and printed in the terminal; the sign-in page shows it while the warehouse is the
demo one. A warehouse holding any other file has no demo accounts: they are removed.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from access import audit
from access.accounts import Role, add_user
from access.store import connect
from catalogue.region_scope import RegionScope, resolve

PASSWORD_ENV = "SKILLTRACK_DEMO_PASSWORD"
ACCOUNTS: tuple[tuple[str, Role, str], ...] = (
    ("demo-admin", "admin", ""),
    ("demo-leader", "leader", ""),
    ("demo-officer", "officer", "临沭县"),
    ("demo-viewer", "viewer", "凯里市·舟溪镇"),
)
_KEY = "demo_password"


def password(state: Path) -> str:
    """$SKILLTRACK_DEMO_PASSWORD, else the one generated for this state file."""
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env
    with connect(state) as con:
        row = con.execute("select value from settings where key = ?", [_KEY]).fetchone()
        if row:
            return str(row[0])
        made = secrets.token_urlsafe(9)
        con.execute("insert into settings (key, value) values (?, ?)", [_KEY, made])
    print(f"演示账户密码 / demo accounts' password: {made}", file=sys.stderr)
    return made


def ensure(state: Path, demo_warehouse: bool) -> str | None:
    """Demo accounts exactly when the warehouse is the demo one; their password, or None."""
    if not demo_warehouse:
        remove(state)
        return None
    secret = password(state)
    with connect(state) as con:
        rows = con.execute("select name, password_hash from accounts where demo").fetchall()
    have = dict(rows)
    hasher = PasswordHasher()
    for name, role, scope in ACCOUNTS:
        if name in have and _matches(hasher, have[name], secret):
            continue
        if name in have:  # $SKILLTRACK_DEMO_PASSWORD changed
            with connect(state) as con:
                con.execute(
                    "update accounts set password_hash = ? where name = ?",
                    [hasher.hash(secret), name],
                )
            continue
        region = resolve(scope) if scope else RegionScope()
        add_user(state, name, role, region, secret, demo=True, by="demo")
    return secret


def remove(state: Path) -> None:
    """No demo accounts (a warehouse with loaded files), their sessions ended with them."""
    with connect(state) as con:
        names = [r[0] for r in con.execute("select name from accounts where demo").fetchall()]
        if not names:
            return
        marks = ", ".join("?" * len(names))
        con.execute(f"delete from sessions where name in ({marks})", names)
        con.execute(f"delete from accounts where name in ({marks})", names)
        con.execute("delete from settings where key = ?", [_KEY])
        audit.write(con, None, "demo_accounts", "removed", detail={"accounts": names})


def _matches(hasher: PasswordHasher, digest: str | None, secret: str) -> bool:
    try:
        return digest is not None and hasher.verify(digest, secret)
    except (VerificationError, InvalidHashError):
        return False
