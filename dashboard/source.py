"""Which warehouse file the dashboard reads, whether it can, and the first run's demo build.

A load swaps a new file in under the same name (warehouse/store.py), so the file's identity —
inode, modification time and size — is the key of every cached result: after a load from the
Data page or the command line the key changes and the next rerun shows the new figures.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple

import duckdb

from catalogue.allocations import allocations_dir
from catalogue.loader import CATALOGUE_DIR, local_targets_path
from targets import marts
from warehouse.exceptions import WarehouseError
from warehouse.store import connect_read, cursor_on, resolve, upgrade

NO_DEMO_ENV = "SKILLTRACK_NO_DEMO"  # set to 1: a missing warehouse is explained, not built
DEMO_ROWS_ENV = "SKILLTRACK_DEMO_ROWS"  # rows of the first run's demo (default: realistic)
State = Literal["missing", "unreadable", "empty", "ready"]
_DEMO_LOCK = threading.Lock()


class WarehouseId(NamedTuple):
    """A warehouse file's identity; changes whenever a load swaps a new file in."""

    path: str
    inode: int
    mtime_ns: int
    size: int


@dataclass(frozen=True)
class Health:
    """What the dashboard can show: the state, the records, the latest record date."""

    state: State
    path: Path
    records: int = 0
    latest: date | None = None
    detail: str = ""


class _Snapshots:
    """The process's read-only connections, one per warehouse file version, shared by runs.

    A page run takes a cursor on the connection of the file now at the path (opened on first
    use, so its block cache outlives the run) and gives it back when the run ends. When a load
    has swapped a new file in, the next run opens that one; the old file's connection is closed
    as soon as no run holds a cursor on it. Never written to, never blocking a writer: a load
    writes its own copy and renames it over the path (warehouse/store.py).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[WarehouseId, tuple[duckdb.DuckDBPyConnection, int]] = {}

    def acquire(self, path: Path) -> tuple[WarehouseId | None, duckdb.DuckDBPyConnection]:
        with self._lock:
            wid = identity(path)
            if wid is None or wid not in self._open:
                con = connect_read(path)  # raises when the file is gone or unreadable
                wid = wid or identity(path)
                if wid is None:  # removed while it was being opened
                    con.close()
                    raise WarehouseError(path, "the warehouse file disappeared.")
                self._open[wid] = (con, 0)
            con, users = self._open[wid]
            self._open[wid] = (con, users + 1)
            self._retire(keep=wid)
            return wid, cursor_on(con)

    def release(self, wid: WarehouseId | None, cur: duckdb.DuckDBPyConnection) -> None:
        cur.close()
        with self._lock:
            if wid in self._open:
                con, users = self._open[wid]
                self._open[wid] = (con, users - 1)
                latest = identity(Path(wid.path))
                self._retire(keep=latest)

    def _retire(self, keep: WarehouseId | None) -> None:
        """Close every connection but `keep`'s that no run is using (lock held)."""
        for wid, (con, users) in list(self._open.items()):
            if wid != keep and users <= 0:
                con.close()
                del self._open[wid]

    def close_all(self) -> None:
        """Close the connections no run is using (tests; the process's end closes the rest)."""
        with self._lock:
            self._retire(keep=None)


SNAPSHOTS = _Snapshots()


class Reader:
    """A page run's read-only connection, taken only when a query misses the cache.

    A cursor on the process's shared connection to the file now at the path (_Snapshots):
    app.py gives it back when the run ends, so a file swapped in by a load is read by the next
    run, and the file's blocks stay cached between runs.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._wid: WarehouseId | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._marts: marts.Session | None = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._wid, self._con = SNAPSHOTS.acquire(self.path)
        return self._con

    @property
    def marts(self) -> marts.Session:
        """The engine's marts on the connection, staged once for the run (targets.marts)."""
        if self._marts is None:
            self._marts = marts.Session(self.con)
        return self._marts

    def close(self) -> None:
        self._marts = None  # its temporary tables and views go with the cursor
        if self._con is not None:
            SNAPSHOTS.release(self._wid, self._con)
            self._con = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def warehouse_path() -> Path:
    """--db is not available to a page: $SKILLTRACK_DB, else data/warehouse.duckdb."""
    return resolve(None)


def identity(path: Path) -> WarehouseId | None:
    """The file's identity, or None when there is no file."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return WarehouseId(str(path), st.st_ino, st.st_mtime_ns, st.st_size)


_CURRENT: set[WarehouseId] = set()  # files known to be at the current schema version


def upgrade_once(path: Path) -> None:
    """Migrate a warehouse made by an older version before anything reads it (once per file).
    A file that cannot be opened is left as it is: health() explains it on the page."""
    wid = identity(path)
    if wid is None or wid in _CURRENT:
        return
    try:
        upgrade(path)  # the writer's lock and the atomic swap, as a load; a no-op when current
    except WarehouseError:
        return
    now = identity(path)
    if now is not None:
        _CURRENT.add(now)


CatalogueKey = str


def catalogue_key() -> CatalogueKey:
    """Identity of the catalogue, local targets and allocations: part of every cache key. One
    digest of each file's path, modification time and size (a string: st.cache_data hashes it
    at once, where a tuple of tuples cost a page run milliseconds of hashing per cached call)."""
    files = [*sorted(CATALOGUE_DIR.glob("*.toml")), local_targets_path()]
    folder = allocations_dir()
    files += sorted(folder.glob("*.csv")) if folder.is_dir() else []
    out = []
    for f in files:
        try:
            st = os.stat(f)
        except FileNotFoundError:
            continue
        out.append(f"{f}\x1f{st.st_mtime_ns}\x1f{st.st_size}")
    return hashlib.sha1("\x1e".join(out).encode("utf-8")).hexdigest()


def health(path: Path) -> Health:
    """Whether the warehouse exists, opens, and holds records; never raises."""
    if not path.exists():
        return Health("missing", path)
    try:
        con = connect_read(path)
    except WarehouseError as exc:
        return Health("unreadable", path, detail=exc.detail)
    try:
        row = con.execute("select count(*), max(end_date) from records").fetchone()
    except duckdb.Error as exc:  # by the file's name: no server path on a page
        return Health("unreadable", path, detail=str(exc).replace(str(path), path.name))
    finally:
        con.close()
    records, latest = (row[0], row[1]) if row else (0, None)
    if not records:
        return Health("empty", path)
    return Health("ready", path, records=int(records), latest=latest)


def loaded_hashes(path: Path) -> list[str]:
    """The content hash of every batch the warehouse holds (none when it cannot be read)."""
    try:
        con = connect_read(path)
    except WarehouseError:
        return []
    try:
        return [str(h) for (h,) in con.execute("select content_hash from batches").fetchall()]
    except duckdb.Error:
        return []
    finally:
        con.close()


def demo_hashes(path: Path) -> set[str]:
    """The SHA-256 of the demo's own ledgers (written beside the warehouse, in demo/)."""
    from etl.load import file_hash

    folder = path.parent / "demo"
    return {file_hash(f) for f in folder.iterdir() if f.is_file()} if folder.is_dir() else set()


def is_demo(path: Path) -> bool:
    """Whether every batch of the warehouse is one of the demo's own files (and there is one)."""
    loaded = loaded_hashes(path)
    return bool(loaded) and set(loaded) <= demo_hashes(path)


def default_as_of(latest: date | None, today: date) -> date:
    """The latest record date, never past today; today when there is none."""
    return min(latest, today) if latest else today


def demo_wanted() -> bool:
    return os.environ.get(NO_DEMO_ENV, "") not in ("1", "true", "yes")


def demo_rows() -> int | None:
    """$SKILLTRACK_DEMO_ROWS, else None: the demo's realistic size (python -m etl demo's)."""
    value = os.environ.get(DEMO_ROWS_ENV, "").replace("_", "").replace(",", "")
    return int(value) if value.isdigit() else None


def build_demo_once(
    path: Path, rows: int | None = None, step: Callable[[float, str], None] | None = None
) -> bool:
    """Build the demo warehouse unless one exists (another session may be building it).

    Returns True when this call built it.
    """
    from demo.build import build_demo  # the generator is only imported when needed

    rows = rows if rows is not None else demo_rows()
    with _DEMO_LOCK:
        if path.exists():
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        build_demo(path, rows=rows, verbose=True, replace=False, step=step)
        return True
