"""Temporary files that may hold personal data: beside the warehouse, owner-only, never left.

A load's temporary copies (a GB18030 file transcoded to UTF-8, a workbook's sheets parsed by the
child process, an upload saved under its own name) live in `<warehouse>.tmp/` beside the
warehouse: the same disk and the same permissions as the data they came from, never the
system's shared temporary folder. The folder is 0700 and every file in it 0600.

Each file's name starts with the id of the process that made it. Every exit path of that process
removes it (`scratch_file`, `scratch_dir`); a process killed with `kill -9` cannot, so the next
load removes every file whose process is gone (`sweep`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4

OWNER_ONLY = 0o600
OWNER_DIR = 0o700


def root(db: Path) -> Path:
    """The scratch folder of the warehouse at db, created owner-only."""
    folder = db.with_name(db.name + ".tmp")
    folder.mkdir(mode=OWNER_DIR, parents=True, exist_ok=True)
    if stat.S_IMODE(folder.stat().st_mode) != OWNER_DIR:
        folder.chmod(OWNER_DIR)
    return folder


def _name(suffix: str) -> str:
    return f"{os.getpid()}-{uuid4().hex[:12]}{suffix}"


def create_private(path: Path) -> None:
    """Create path empty and owner-only (0600), whatever the umask; it must not exist yet."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    try:
        os.fchmod(fd, OWNER_ONLY)
    finally:
        os.close(fd)


def new_file(folder: Path, suffix: str = "") -> Path:
    """A new empty owner-only file in folder, named for this process."""
    path = folder / _name(suffix)
    create_private(path)
    return path


@contextmanager
def scratch_file(db: Path, suffix: str = "") -> Iterator[Path]:
    """A new owner-only file beside the warehouse at db, removed when the block ends."""
    path = new_file(root(db), suffix)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


@contextmanager
def scratch_dir(db: Path) -> Iterator[Path]:
    """A new owner-only folder beside the warehouse at db, removed with its files at the end."""
    path = root(db) / _name("")
    path.mkdir(mode=OWNER_DIR)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def sweep(db: Path) -> list[Path]:
    """Remove the scratch files and folders of processes that are gone; what was removed."""
    folder = db.with_name(db.name + ".tmp")
    if not folder.is_dir():
        return []
    removed = []
    for entry in folder.iterdir():
        pid, _, _ = entry.name.partition("-")
        if pid.isdigit() and _alive(int(pid)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
        removed.append(entry)
    return removed


def keep_mode(new: Path, old: Path) -> None:
    """Give new the permission bits of old (a swap keeps the mode of the file it replaces);
    owner-only when there is no old file."""
    try:
        mode = stat.S_IMODE(old.stat().st_mode)
    except FileNotFoundError:
        mode = OWNER_ONLY
    new.chmod(mode)
