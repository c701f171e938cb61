"""The warehouse file: where it is, how to read it, and how a load replaces it atomically.

DuckDB lets one process write a database file and then no other process may open it, and a
read-only connection blocks every writer. So nobody ever writes `warehouse.duckdb` in place:

* readers open read-only connections (`connect_read`), each on a database instance of its own;
* a writer takes an exclusive lock (`warehouse.duckdb.lock`), copies the file to
  `warehouse.duckdb.next`, loads into the copy in one transaction, checks that the rows landed,
  checkpoints, closes, fsyncs, and renames the copy over `warehouse.duckdb` (`writing`).

A rename is atomic: a reader that opens the path sees the old file or the new one, never a
mixture, and a reader that already has the old file open keeps reading it (its inode lives on
until it closes). A writer killed at any moment leaves the old file untouched and a stale
`.next`, which the next writer removes.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.exceptions import WarehouseError
from warehouse.migrations import SCHEMA_VERSION, migrate, version_of
from warehouse.scratch import create_private, keep_mode

DEFAULT_PATH = Path("data/warehouse.duckdb")
SQL_DIR = Path(__file__).parent / "sql"
# Tables created by tables.sql, in the order a fresh warehouse creates them.
TABLES = (
    "batches",
    "records",
    "rejects",
    "summary",
    "summary_days",
    "summary_dimensions",
    "summary_batches",
    "summary_place_months",
    "schema_version",
    "summary_people",
    "summary_people_days",
    "summary_people_scope",
)
SNAPSHOT = "warehouse"  # the catalog name of a read-only connection's file (connect_read)


def resolve(db: str | Path | None = None) -> Path:
    """The warehouse path: --db, else $SKILLTRACK_DB, else data/warehouse.duckdb."""
    if db:
        return Path(db)
    env = os.environ.get("SKILLTRACK_DB")
    return Path(env) if env else DEFAULT_PATH


def sql(name: str) -> str:
    """The text of warehouse/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


# DuckDB's own progress bar draws on standard output for any statement over 2 s: it would break a
# CLI's --json output (the CLIs draw their own bar, on stderr). Set on every connection we open.
QUIET = "set enable_progress_bar = false"


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view (idempotent); the subsidy audit's too (audit_tables.sql)."""
    con.execute(sql("tables"))
    con.execute(sql("audit_tables"))


def connect_read(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the file now at `path`; keep it short-lived (or see below).

    The file is attached to a database instance of its own rather than opened with
    `duckdb.connect(path)`: DuckDB keeps one instance per path in a process and hands it to every
    later connect while any connection to it is open — after a load has swapped a new file in,
    that is the old file's. `cursor()` of the returned connection gives more connections to the
    same snapshot (one per thread), sharing its cache of the file's blocks.
    """
    if not path.exists():
        raise WarehouseError(
            path, "no warehouse here yet. Build the demo with `python -m etl demo` or load files."
        )
    con = duckdb.connect(":memory:")
    try:
        con.execute(QUIET)
        con.execute(f"attach ? as {SNAPSHOT} (read_only)", [str(path)])
        con.execute(f"use {SNAPSHOT}")
    except duckdb.Error as e:
        con.close()
        raise WarehouseError(path, f"cannot open the warehouse read-only ({e}).") from e
    return con


def cursor_on(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Another connection to connect_read()'s snapshot, for use in one thread."""
    cur = con.cursor()
    cur.execute(f"use {SNAPSHOT}")
    return cur


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def waiting_message(holder: str) -> str:
    """What a loader says while another holds the lock; holder is the lock file's text."""
    pid, _, started = holder.strip().partition(" ")
    started = started or "?"
    pid = pid or "?"
    return (
        f"正在等待另一个导入完成（开始于 {started}，进程 {pid}）…… "
        f"waiting for another load (started {started}, pid {pid})"
    )


@contextmanager
def exclusive(path: Path, waiting: Callable[[str], object] | None = None) -> Iterator[None]:
    """Hold the warehouse's writer lock; released by the kernel even if the process dies.

    The holder writes its pid and start time into the lock file; a loader that has to wait
    calls `waiting` with a message naming them (once), then blocks.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            if waiting is not None:
                waiting(waiting_message(lock.read(200)))
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            lock.seek(0)
            lock.truncate()
            lock.write(f"{os.getpid()} {datetime.now():%Y-%m-%d %H:%M:%S}\n")
            lock.flush()
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def writing(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the next version of the warehouse, swapped in when the block succeeds.

    The caller must hold `exclusive(path)`.
    """
    nxt = path.with_name(path.name + ".next")
    for stale in (nxt, nxt.with_name(nxt.name + ".wal")):
        stale.unlink(missing_ok=True)
    # the copy, its WAL and DuckDB's spill files: owner-only
    with private_files(), _connect_next(path, nxt) as con:
        yield con
    keep_mode(nxt, path)  # a swap keeps the mode of the file it replaces
    with open(nxt, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(nxt, path)
    _fsync_dir(path.parent)


@contextmanager
def private_files() -> Iterator[None]:
    """Files and folders this process creates inside the block are owner-only (umask 077)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


@contextmanager
def _connect_next(path: Path, nxt: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The copy's connection, checkpointed and closed; the copy removed on any failure."""
    fresh = not path.exists()
    if not fresh:
        create_private(nxt)
        shutil.copyfile(path, nxt)
    con = duckdb.connect(str(nxt))
    try:
        con.execute(QUIET)
        con.execute("set preserve_insertion_order = false")
        # Bounded, so that a large load writes its rows out instead of holding them in memory.
        con.execute("set memory_limit = '512MB'")
        create_schema(con)
        migrate(con, fresh)  # an older file is brought up to SCHEMA_VERSION in the same copy
        yield con
        con.execute("checkpoint")
        con.close()
    except BaseException:
        con.close()
        nxt.unlink(missing_ok=True)
        nxt.with_name(nxt.name + ".wal").unlink(missing_ok=True)
        raise
    if nxt.with_name(nxt.name + ".wal").exists():
        nxt.unlink(missing_ok=True)
        raise WarehouseError(path, "the new warehouse was not checkpointed; nothing was changed.")


def outdated(path: Path) -> bool:
    """Whether the file at path was made by an older version (see warehouse.migrations)."""
    if not path.exists():
        return False
    con = connect_read(path)
    try:
        return version_of(con) < SCHEMA_VERSION
    finally:
        con.close()


def upgrade(path: Path) -> bool:
    """Bring an older warehouse up to the current schema (the writer's lock, a copy, the atomic
    swap, as a load); whether it was upgraded. Readers call it before reading."""
    if not outdated(path):
        return False
    with exclusive(path):
        if not outdated(path):  # another process upgraded it while we waited
            return False
        with writing(path):
            pass
    return True
