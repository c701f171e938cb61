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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.exceptions import WarehouseError
from warehouse.migrations import SCHEMA_VERSION, migrate, version_of

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
    "schema_version",
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


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view (idempotent)."""
    con.execute(sql("tables"))


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


@contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold the warehouse's writer lock; released by the kernel even if the process dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
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
    fresh = not path.exists()
    if not fresh:
        shutil.copyfile(path, nxt)
    con = duckdb.connect(str(nxt))
    try:
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
    with open(nxt, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(nxt, path)
    _fsync_dir(path.parent)


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
