"""Accounts, the sign-in lock, sessions and the append-only audit log (access/)."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from access import accounts, audit, demo, sessions
from access.exceptions import AccountError, AccountLocked, SignInFailed, StateUnavailable
from access.store import SCHEMA_VERSION, state_path
from catalogue.region_scope import EVERYWHERE, resolve
from tests.access.access_helpers import PASSWORD


def test_the_state_file_is_owner_only_with_a_schema_version(state: Path) -> None:
    accounts.add_user(state, "ann", "officer", resolve("临沭县"), PASSWORD)
    assert stat.S_IMODE(os.stat(state).st_mode) == 0o600
    with sqlite3.connect(state) as con:
        assert con.execute("pragma user_version").fetchone() == (SCHEMA_VERSION,)
        assert con.execute("pragma journal_mode").fetchone() == ("wal",)
        [(stored,)] = con.execute("select password_hash from accounts").fetchall()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_the_state_file_sits_beside_the_warehouse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILLTRACK_STATE", raising=False)
    monkeypatch.setenv("SKILLTRACK_DB", "/srv/skilltrack/warehouse.duckdb")
    assert state_path() == Path("/srv/skilltrack/skilltrack.sqlite")
    monkeypatch.delenv("SKILLTRACK_DB")
    assert state_path() == Path("data/skilltrack.sqlite")


def test_a_wrong_password_and_an_unknown_name_fail_alike(state: Path) -> None:
    accounts.add_user(state, "ann", "viewer", resolve("凯里市·舟溪镇"), PASSWORD)
    with pytest.raises(SignInFailed) as wrong:
        accounts.verify(state, "ann", "not-the-password")
    with pytest.raises(SignInFailed) as unknown:
        accounts.verify(state, "nobody", PASSWORD)
    assert (
        str(wrong.value) == str(unknown.value) == "用户名或密码不正确 / wrong user name or password"
    )
    user = accounts.verify(state, "ann", PASSWORD)
    assert (user.role, user.scope.label) == ("viewer", "凯里市·舟溪镇")


def test_five_failures_lock_for_fifteen_minutes_known_name_or_not(state: Path) -> None:
    accounts.add_user(state, "ann", "leader", EVERYWHERE, PASSWORD)
    start = accounts.now()
    for name in ("ann", "ghost"):
        for i in range(4):
            with pytest.raises(SignInFailed):
                accounts.verify(state, name, "bad", at=start + timedelta(seconds=i))
        with pytest.raises(AccountLocked) as locked:
            accounts.verify(state, name, "bad", at=start + timedelta(seconds=5))
        assert locked.value.until == start + timedelta(seconds=5, minutes=15)
    with pytest.raises(AccountLocked):  # the right password is refused while locked
        accounts.verify(state, "ann", PASSWORD, at=start + timedelta(minutes=15))
    user = accounts.verify(state, "ann", PASSWORD, at=start + timedelta(minutes=15, seconds=6))
    assert user.name == "ann"
    actions = [e.action for e in audit.entries(state, user="ann")]
    assert actions.count("sign_in_failed") == 5 and actions[:2] == ["sign_in", "sign_in_locked"]


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(state: Path) -> None:
    user = accounts.add_user(state, "ann", "officer", resolve("临沭县"), PASSWORD)
    token = sessions.start(state, user)
    assert sessions.current(state, token) == user
    accounts.disable(state, "ann", by="root")
    assert sessions.current(state, token) is None
    with pytest.raises(SignInFailed):
        accounts.verify(state, "ann", PASSWORD)
    accounts.reset_password(state, "ann", "a-new-password", by="root")
    assert accounts.verify(state, "ann", "a-new-password").name == "ann"


def test_sessions_end_after_eight_hours_or_at_sign_out(state: Path) -> None:
    user = accounts.add_user(state, "ann", "leader", EVERYWHERE, PASSWORD)
    start = accounts.now()
    token = sessions.start(state, user, at=start)
    assert sessions.current(state, token, at=start + timedelta(hours=7, minutes=59)) == user
    assert sessions.current(state, token, at=start + timedelta(hours=8)) is None
    other = sessions.start(state, user)
    sessions.end(state, other)
    assert sessions.current(state, other) is None
    assert sessions.current(state, "forged-token") is None
    assert audit.entries(state, action="sign_out")[0].user == "ann"


def test_accounts_are_checked(state: Path) -> None:
    with pytest.raises(AccountError, match="没有这个角色"):
        accounts.add_user(state, "ann", "boss", EVERYWHERE, PASSWORD)
    with pytest.raises(AccountError, match="至少 8 个字符"):
        accounts.add_user(state, "ann", "viewer", EVERYWHERE, "short")
    with pytest.raises(AccountError, match="管理员的范围是全部地区"):
        accounts.add_user(state, "ann", "admin", resolve("临沭县"), PASSWORD)
    accounts.add_user(state, "ann", "viewer", EVERYWHERE, PASSWORD)
    with pytest.raises(AccountError, match="已有同名账户"):
        accounts.add_user(state, "ann", "viewer", EVERYWHERE, PASSWORD)


def test_roles_have_the_issue_rights() -> None:
    def rights(role: accounts.Role) -> set[str]:
        user = accounts.User("x", role, EVERYWHERE)
        return {r for r in ("read", "download", "load", "brief", "admin") if user.may(r)}

    assert rights("admin") == {"read", "download", "load", "brief", "admin"}
    assert rights("officer") == {"read", "download", "load", "brief"}
    assert rights("leader") == {"read", "download"}
    assert rights("viewer") == {"read"}


def test_the_audit_log_is_append_only_and_never_holds_a_full_id(state: Path) -> None:
    audit.record(
        state,
        "ann",
        "download",
        "被拒记录 52260119900101123X.xlsx",
        rows=3,
        detail={"phone": "13812345678", "batch": "20261122T101500-1a2b3c4d"},
    )
    [entry] = audit.entries(state)
    assert entry.what == "被拒记录 522601********123X.xlsx"
    assert entry.detail == {"phone": "138****5678", "batch": "20261122T101500-1a2b3c4d"}
    with sqlite3.connect(state) as con, pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("update audit set user = 'mallory'")
    with sqlite3.connect(state) as con, pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("delete from audit")


def test_demo_accounts_only_with_the_demo_warehouse(
    state: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(demo.PASSWORD_ENV, raising=False)
    secret = demo.ensure(state, demo_warehouse=True)
    assert secret is not None and secret in capsys.readouterr().err
    assert demo.ensure(state, demo_warehouse=True) == secret  # generated once
    scopes = {u.name: (u.role, u.scope.label) for u in accounts.users(state)}
    assert scopes == {
        "demo-admin": ("admin", "全部地区"),
        "demo-leader": ("leader", "全部地区"),
        "demo-officer": ("officer", "临沭县"),
        "demo-viewer": ("viewer", "凯里市·舟溪镇"),
    }
    token = sessions.start(state, accounts.verify(state, "demo-viewer", secret))
    assert demo.ensure(state, demo_warehouse=False) is None
    assert accounts.users(state) == [] and sessions.current(state, token) is None
    monkeypatch.setenv(demo.PASSWORD_ENV, "from-the-environment")
    assert demo.ensure(state, demo_warehouse=True) == "from-the-environment"
    assert accounts.verify(state, "demo-admin", "from-the-environment").role == "admin"


def test_an_unusable_state_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "a-file-not-a-folder"
    folder.write_text("x")
    with pytest.raises(StateUnavailable, match="无法使用账户与审计日志文件"):
        accounts.users(folder / "skilltrack.sqlite")


def test_a_single_sign_on_identity_maps_to_an_account(state: Path) -> None:
    """st.login's identity (e-mail) → the account's role and scope; no password to guess."""
    accounts.add_user(
        state, "wang", "officer", resolve("临沭县"), None, sso_subject="wang@example.gov.cn"
    )
    user = accounts.by_sso(state, "wang@example.gov.cn")
    assert user is not None and (user.role, user.scope.label) == ("officer", "临沭县")
    assert accounts.by_sso(state, "someone@example.gov.cn") is None
    with pytest.raises(SignInFailed):  # an SSO-only account has no password
        accounts.verify(state, "wang", "")
    accounts.disable(state, "wang")
    assert accounts.by_sso(state, "wang@example.gov.cn") is None
