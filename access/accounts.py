"""Accounts, roles and their rights, passwords and the sign-in lock.

Roles (CONTRACT §6): `admin` — accounts, every region, the audit log; `leader` — reads every
page for the regions of their scope, downloads included; `officer` — a leader's rights plus
loading files and making briefings for their scope; `viewer` — reads their scope, no downloads
of record-level files. Passwords are argon2id hashes (argon2-cffi). Five failed sign-ins lock a
name for 15 minutes, whether or not an account has it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from access import audit
from access.exceptions import AccountError, AccountLocked, SignInFailed
from access.store import connect
from catalogue.region_scope import RegionScope

Role = Literal["admin", "leader", "officer", "viewer"]
Right = Literal["read", "download", "load", "brief", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
RIGHTS: dict[Role, frozenset[Right]] = {
    "admin": frozenset(get_args(Right)),
    "leader": frozenset({"read", "download"}),
    "officer": frozenset({"read", "download", "load", "brief"}),
    "viewer": frozenset({"read"}),
}
ROLE_NAMES: dict[Role, tuple[str, str]] = {
    "admin": ("管理员", "admin"),
    "leader": ("领导", "leader"),
    "officer": ("经办人员", "officer"),
    "viewer": ("查看人员", "viewer"),
}
MAX_FAILURES = 5
LOCK = timedelta(minutes=15)
MIN_PASSWORD = 8
_HASHER = PasswordHasher()
# Verified against when the name has no account, so that a wrong name takes as long as a
# wrong password.
_DUMMY = _HASHER.hash("skilltrack: no such account")


@dataclass(frozen=True)
class User:
    """A signed-in person: what they may do and which records they may see."""

    name: str
    role: Role
    scope: RegionScope
    disabled: bool = False
    demo: bool = False
    sso_subject: str | None = None

    def may(self, right: Right) -> bool:
        return right in RIGHTS[self.role]


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def user_of(row: sqlite3.Row | tuple[object, ...]) -> User:
    name, role, scope, disabled, demo, sso = row
    return User(
        name=str(name),
        role=role,  # type: ignore[arg-type]  # the table's check constraint holds it to ROLES
        scope=RegionScope.from_path(str(scope)),
        disabled=bool(disabled),
        demo=bool(demo),
        sso_subject=str(sso) if sso is not None else None,
    )


COLUMNS = "name, role, scope, disabled, demo, sso_subject"


def check_role(role: str) -> Role:
    for r in ROLES:
        if r == role:
            return r
    raise AccountError(role, f"没有这个角色，可选：{'、'.join(ROLES)} / no such role")


def check_password(name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(name, f"密码至少 {MIN_PASSWORD} 个字符 / at least {MIN_PASSWORD} chars")


def add_user(
    state: Path,
    name: str,
    role: str,
    scope: RegionScope,
    password: str | None,
    *,
    by: str | None = None,
    sso_subject: str | None = None,
    demo: bool = False,
) -> User:
    """A new account; a password, or an identity provider's subject (single sign-on), or both."""
    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise AccountError(name, "用户名须为 1–64 个字符且不含空格 / 1–64 chars, no spaces")
    checked = check_role(role)
    if checked == "admin" and not scope.everything:
        raise AccountError(name, "管理员的范围是全部地区 / an admin's scope is every region")
    if password is None and sso_subject is None:
        raise AccountError(name, "需要密码或单点登录身份 / a password or an SSO identity")
    if password is not None:
        check_password(name, password)
    digest = _HASHER.hash(password) if password is not None else None
    with connect(state) as con:
        if con.execute("select 1 from accounts where name = ?", [name]).fetchone():
            raise AccountError(name, "已有同名账户 / an account of this name exists")
        con.execute(
            "insert into accounts (name, role, scope, password_hash, sso_subject, demo, "
            "created_at) values (?, ?, ?, ?, ?, ?, ?)",
            [name, checked, scope.path, digest, sso_subject, int(demo), now().isoformat()],
        )
        audit.write(con, by, "account_add", name, scope.path, detail={"role": checked})
    return User(name, checked, scope, demo=demo, sso_subject=sso_subject)


def users(state: Path) -> list[User]:
    with connect(state) as con:
        rows = con.execute(f"select {COLUMNS} from accounts order by name").fetchall()
    return [user_of(r) for r in rows]


def get(state: Path, name: str) -> User | None:
    with connect(state) as con:
        row = con.execute(f"select {COLUMNS} from accounts where name = ?", [name]).fetchone()
    return user_of(row) if row else None


def disable(state: Path, name: str, *, by: str | None = None) -> None:
    """The account can no longer sign in; its open sessions end now."""
    with connect(state) as con:
        if not con.execute("update accounts set disabled = 1 where name = ?", [name]).rowcount:
            raise AccountError(name, "没有这个账户 / no such account")
        con.execute(
            "update sessions set ended_at = ? where name = ? and ended_at is null",
            [now().isoformat(), name],
        )
        audit.write(con, by, "account_disable", name)


def reset_password(state: Path, name: str, password: str, *, by: str | None = None) -> None:
    """A new password; the lock and open sessions are cleared."""
    check_password(name, password)
    digest = _HASHER.hash(password)
    with connect(state) as con:
        sql = "update accounts set password_hash = ?, disabled = 0 where name = ?"
        if not con.execute(sql, [digest, name]).rowcount:
            raise AccountError(name, "没有这个账户 / no such account")
        con.execute("delete from failures where name = ?", [name])
        con.execute(
            "update sessions set ended_at = ? where name = ? and ended_at is null",
            [now().isoformat(), name],
        )
        audit.write(con, by, "account_reset", name)


def verify(state: Path, name: str, password: str, *, at: datetime | None = None) -> User:
    """The account when the name and password match and it may sign in; else SignInFailed (the
    same for a wrong name, a wrong password and a disabled account) or AccountLocked. Every
    attempt is written to the audit log."""
    moment = at or now()
    name = name.strip()[:64]
    with connect(state) as con:
        lock = con.execute(
            "select count, locked_until from failures where name = ?", [name]
        ).fetchone()
        locked = lock and lock[1] and datetime.fromisoformat(lock[1]) > moment
        if locked:
            audit.write(con, name, "sign_in_locked", name, at=moment)
    if locked:
        raise AccountLocked(datetime.fromisoformat(lock[1]))
    with connect(state) as con:
        row = con.execute(
            f"select {COLUMNS}, password_hash from accounts where name = ?", [name]
        ).fetchone()
        digest = row[-1] if row else None
        ok = _matches(digest or _DUMMY, password) and digest is not None and not row[3]
        if ok:
            con.execute("delete from failures where name = ?", [name])
            user = user_of(row[:-1])
            audit.write(con, name, "sign_in", name, user.scope.path, at=moment)
            return user
        count = (lock[0] if lock and lock[1] is None else 0) + 1
        until = moment + LOCK if count >= MAX_FAILURES else None
        con.execute(
            "insert or replace into failures (name, count, locked_until) values (?, ?, ?)",
            [name, 0 if until else count, until.isoformat() if until else None],
        )
        audit.write(con, name, "sign_in_failed", name, detail={"failures": count}, at=moment)
    if until is not None:
        raise AccountLocked(until)
    raise SignInFailed


def _matches(digest: str, password: str) -> bool:
    try:
        return _HASHER.verify(digest, password)
    except (VerificationError, InvalidHashError):
        return False


def by_sso(state: Path, subject: str) -> User | None:
    """The enabled account mapped to an identity provider's e-mail or subject (st.login)."""
    with connect(state) as con:
        row = con.execute(
            f"select {COLUMNS} from accounts where sso_subject = ? and not disabled", [subject]
        ).fetchone()
    return user_of(row) if row else None
