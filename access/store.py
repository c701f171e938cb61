"""The SQLite file of accounts, sessions and the audit log: where it is, its schema, opening it.

`data/skilltrack.sqlite` beside the warehouse (the folder of $SKILLTRACK_DB, else data/), or
$SKILLTRACK_STATE. Python's own sqlite3 in WAL mode, so the dashboard's reads never wait for a
sign-in being written; created on first use readable by its owner only (0600), with a schema
version (`PRAGMA user_version`) that a later release migrates from.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from access.exceptions import StateUnavailable

STATE_ENV = "SKILLTRACK_STATE"
DB_ENV = "SKILLTRACK_DB"
DEFAULT_WAREHOUSE = Path("data") / "warehouse.duckdb"
FILE_NAME = "skilltrack.sqlite"
SCHEMA_VERSION = 1
_READY: set[Path] = set()  # files whose schema this process has checked

SCHEMA = """
create table if not exists accounts (
    name           text primary key,
    role           text not null check (role in ('admin', 'leader', 'officer', 'viewer')),
    scope          text not null,           -- RegionScope.path; '' = every region
    password_hash  text,                    -- argon2id; null for a single-sign-on account
    sso_subject    text unique,             -- the identity provider's e-mail or subject
    disabled       integer not null default 0,
    demo           integer not null default 0,
    created_at     text not null
);
-- Failed sign-ins per name typed, whether or not an account has it: the lock then looks the
-- same for a name that does not exist, which tells nobody which names do.
create table if not exists failures (
    name          text primary key,
    count         integer not null,
    locked_until  text
);
create table if not exists sessions (
    token_hash  text primary key,           -- sha256 of the token the browser session holds
    name        text not null references accounts(name),
    started_at  text not null,
    expires_at  text not null,
    ended_at    text
);
create table if not exists audit (
    id      integer primary key autoincrement,
    at      text not null,                  -- UTC, ISO 8601
    user    text,                           -- null: the command line or nobody signed in
    action  text not null,
    what    text not null default '',
    scope   text not null default '',
    rows    integer,
    detail  text not null default '{}'      -- JSON
);
create trigger if not exists audit_no_update before update on audit
begin select raise(abort, 'the audit log is append-only'); end;
create trigger if not exists audit_no_delete before delete on audit
begin select raise(abort, 'the audit log is append-only'); end;
-- Batches loaded from the dashboard: by whom, for which scope (what a scoped user may see of
-- the ledger and its quarantine).
create table if not exists loads (
    batch_id  text primary key,
    user      text not null,
    scope     text not null,
    file      text not null,
    at        text not null
);
create table if not exists settings (
    key    text primary key,
    value  text not null
);
"""


def state_path(warehouse: str | Path | None = None) -> Path:
    """$SKILLTRACK_STATE, else skilltrack.sqlite in the warehouse's folder."""
    env = os.environ.get(STATE_ENV)
    if env:
        return Path(env)
    db = Path(warehouse) if warehouse else Path(os.environ.get(DB_ENV) or DEFAULT_WAREHOUSE)
    return db.parent / FILE_NAME


def create(path: Path) -> None:
    """The file, owner-only, with the schema (idempotent)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
        with _open(path) as con:
            version = con.execute("pragma user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StateUnavailable(path, f"schema version {version} is newer than this code")
            con.executescript(SCHEMA)
            con.execute(f"pragma user_version = {SCHEMA_VERSION}")  # our constant
    except (OSError, sqlite3.Error) as exc:
        raise StateUnavailable(path, str(exc)) from None


def _open(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    con.execute("pragma journal_mode = wal")
    con.execute("pragma foreign_keys = on")
    con.execute("pragma busy_timeout = 10000")
    return con


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection in one transaction (committed at the end, rolled back on error); the file
    and its schema are made first if missing."""
    if path not in _READY or not path.exists():
        create(path)
        _READY.add(path)
    try:
        con = _open(path)
    except sqlite3.Error as exc:
        raise StateUnavailable(path, str(exc)) from None
    try:
        con.execute("begin immediate")
        yield con
        con.execute("commit")
    except BaseException as exc:
        if con.in_transaction:
            con.execute("rollback")
        if isinstance(exc, sqlite3.Error):
            raise StateUnavailable(path, str(exc)) from None
        raise
    finally:
        con.close()
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if extra.exists():
            os.chmod(extra, 0o600)
