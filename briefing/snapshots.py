"""Each briefing's figures saved as a JSON snapshot, so the next meeting can show what moved.

Snapshots live beside the warehouse, in `briefings/` of its directory (data/briefings/ for
data/warehouse.duckdb; git-ignored), or where $SKILLTRACK_BRIEFINGS points. Not in the warehouse:
every load replaces that file whole (warehouse/store.py). One file per region, programme and as-of
date (a second briefing for the same date replaces the first), written atomically. A snapshot
holds the whole `Briefing`, so it re-opens as the same documents.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from briefing.exceptions import SnapshotError
from briefing.figures import Briefing, from_json, to_json
from catalogue.region_scope import RegionScope
from warehouse.store import resolve

SNAPSHOTS_ENV = "SKILLTRACK_BRIEFINGS"


def snapshot_dir(db: str | Path | None = None) -> Path:
    """$SKILLTRACK_BRIEFINGS, else briefings/ beside the warehouse."""
    env = os.environ.get(SNAPSHOTS_ENV)
    return Path(env) if env else resolve(db).parent / "briefings"


def scoped(directory: Path, scope: RegionScope) -> Path:
    """Where a region's briefings are kept: a folder of their own below `directory` (named by
    the region's path), so that a town's snapshot never replaces a county's of the same date
    and each user lists only the snapshots of their own region."""
    return directory if scope.everything else directory / "regions" / scope.path


def file_name(as_of: date, region: str | None, programme: str | None) -> str:
    """2025-06-30_kaili-2024-2025.json; a programme's id follows, its / as +."""
    scope = region or "all"
    if programme:
        scope += "_" + programme.replace("/", "+")
    return f"{as_of.isoformat()}_{scope}.json"


def save(b: Briefing, directory: Path) -> Path:
    """Write the briefing's snapshot (replacing one of the same filters and date)."""
    path = directory / file_name(b.as_of, b.region, b.programme)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".snapshot-", suffix=".json", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(to_json(b), f, ensure_ascii=False, indent=1)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide it from the other users of the server
        os.replace(tmp, path)
    except OSError as exc:
        raise SnapshotError(path, f"无法保存（{exc}）/ cannot be saved") from None
    return path


def load(path: Path) -> Briefing:
    """The briefing a snapshot holds."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return from_json(Briefing, data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise SnapshotError(path, f"无法读取（{exc}）/ cannot be read") from None


@dataclass(frozen=True)
class SnapshotInfo:
    """What the page lists about a snapshot."""

    path: Path
    as_of: date
    region: str | None
    programme: str | None
    office: str
    generated_at: datetime
    places: tuple[str, ...]
    subject: str  # the head quota's name
    actual: int | None
    completion: float | None


def info(path: Path, b: Briefing) -> SnapshotInfo:
    head = b.plans[0].head if b.plans else None
    return SnapshotInfo(
        path=path,
        as_of=b.as_of,
        region=b.region,
        programme=b.programme,
        office=b.office,
        generated_at=b.generated_at,
        places=tuple(p.place for p in b.plans),
        subject=head.name if head else "",
        actual=head.actual if head and len(b.plans) == 1 else None,
        completion=head.completion if head and len(b.plans) == 1 else None,
    )


def list_snapshots(directory: Path) -> list[SnapshotInfo]:
    """Every readable snapshot, latest as-of date first; unreadable files are left out."""
    found = []
    for path in sorted(directory.glob("*.json")) if directory.is_dir() else []:
        try:
            found.append(info(path, load(path)))
        except SnapshotError:
            continue
    return sorted(found, key=lambda s: (s.as_of, s.generated_at), reverse=True)


def previous(directory: Path, b: Briefing) -> Briefing | None:
    """The last snapshot of the same region and programme before b's as-of date."""
    earlier = [
        s
        for s in list_snapshots(directory)
        if (s.region, s.programme) == (b.region, b.programme) and s.as_of < b.as_of
    ]
    return load(earlier[0].path) if earlier else None
