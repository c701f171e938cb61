"""What the 会议简报 page calls (no Streamlit here): make a briefing or re-open a snapshot into
downloadable bytes, the office a region defaults to, the snapshots as a table, the opening
sentences to preview. The files are written into a temporary directory and read back, so the
page holds them in memory and leaves nothing on the server but the snapshot.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from briefing import text
from briefing.changes import Changes
from briefing.figures import Briefing
from briefing.gather import choose, default_office
from briefing.render import Progress, make_briefing, reopen
from briefing.snapshots import SnapshotInfo, list_snapshots, load
from catalogue.loader import load_catalogue
from catalogue.region_scope import RegionScope
from targets.plans import plans
from targets.regional import within

MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class File:
    name: str
    data: bytes
    mime: str


@dataclass(frozen=True)
class Made:
    """A briefing's files, in memory, with what the page previews."""

    files: tuple[File, File, File]  # docx, pptx, xlsx
    briefing: Briefing
    changes: Changes | None
    snapshot: Path | None

    def opening(self) -> list[str]:
        """The 通报's summary sentences (and what changed), region by region."""
        out = []
        for p in self.briefing.plans:
            out.append(text.summary(self.briefing, p.head, p.place))
            ch = self.changes.of(p.key) if self.changes else None
            if ch is not None and self.changes is not None:
                out.append(text.change_sentence(ch, self.changes.previous_as_of, ch.places_level))
        return out


def office_for(region: str | None, programme: str | None, scope: RegionScope) -> str:
    """The issuing office the filters default to: 凯里市人力资源和社会保障局 …"""
    cat = within(load_catalogue(), scope)
    return default_office(cat, choose(cat, plans(cat), region, programme))


def _read(paths: tuple[Path, Path, Path]) -> tuple[File, File, File]:
    docx, pptx, xlsx = (File(p.name, p.read_bytes(), MIME[p.suffix]) for p in paths)
    return docx, pptx, xlsx


def make(
    as_of: date,
    *,
    scope: RegionScope,
    db: Path,
    region: str | None,
    programme: str | None,
    office: str | None,
    snapshots: Path,
    progress: Progress,
) -> Made:
    """Make the briefing of the records inside `scope`, save its snapshot (among the scope's
    own), and hold its files in memory."""
    with tempfile.TemporaryDirectory(prefix="briefing-") as tmp:
        out = make_briefing(
            as_of,
            Path(tmp),
            scope=scope,
            db=db,
            region=region,
            programme=programme,
            office=office,
            snapshots=snapshots,
            progress=progress,
        )
        return Made(_read(out.files), out.briefing, out.changes, out.snapshot)


def reopen_snapshot(path: Path, snapshots: Path, progress: Progress) -> Made:
    """The files of a saved snapshot, made again from its figures."""
    b = load(path)
    with tempfile.TemporaryDirectory(prefix="briefing-") as tmp:
        paths, changes = reopen(b, Path(tmp), snapshots, progress)
        return Made(_read(paths), b, changes, path)


def snapshot_frame(items: list[SnapshotInfo], all_regions: str) -> pl.DataFrame:
    """The snapshots as the page lists them, latest first."""
    return pl.DataFrame(
        {
            "as_of": [s.as_of for s in items],
            "scope": [
                "、".join(s.places) if s.region else f"{all_regions}（{len(s.places)}）"
                for s in items
            ],
            "subject": [s.subject for s in items],
            "office": [s.office for s in items],
            "generated_at": [s.generated_at for s in items],
            "file": [s.path.name for s in items],
        },
        schema={
            "as_of": pl.Date,
            "scope": pl.String,
            "subject": pl.String,
            "office": pl.String,
            "generated_at": pl.Datetime("us"),
            "file": pl.String,
        },
    )


def snapshots_in(directory: Path) -> list[SnapshotInfo]:
    return list_snapshots(directory)
