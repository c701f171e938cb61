"""One briefing, start to finish: gather the figures, compare them with the last snapshot, write
the 通报, the slides and the tables, save the new snapshot.

The three files are written into a temporary directory inside the output directory and moved
into place only when all three are complete, so a failure leaves no half-written file (and
files of an earlier run stay as they were). Progress goes to a callback (share 0…1, what is
being done): the CLI draws it on stderr, the page with st.progress.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from briefing.changes import Changes, compare
from briefing.docx_writer import write_docx
from briefing.exceptions import BriefingError, RenderFailed
from briefing.figures import Briefing
from briefing.gather import gather
from briefing.pptx_writer import write_pptx
from briefing.snapshots import previous, save, scoped, snapshot_dir
from briefing.xlsx_writer import write_xlsx
from catalogue.region_scope import RegionScope

Progress = Callable[[float, str], None]
Writer = Callable[[Briefing, Changes | None, Path, Callable[[str], None]], None]
# (what, writer, file suffix, share of the time it takes)
PARTS: tuple[tuple[str, Writer, str, float], ...] = (
    ("通报（Word）", write_docx, "进展情况通报.docx", 0.55),
    ("幻灯片（PowerPoint）", write_pptx, "汇报幻灯片.pptx", 0.25),
    ("统计表（Excel）", write_xlsx, "统计表.xlsx", 0.2),
)


@dataclass(frozen=True)
class Outputs:
    docx: Path
    pptx: Path
    xlsx: Path
    snapshot: Path | None
    changes: Changes | None
    briefing: Briefing

    @property
    def files(self) -> tuple[Path, Path, Path]:
        return self.docx, self.pptx, self.xlsx


def stem(b: Briefing) -> str:
    """凯里市职业技能培训_20250630_: the files' common start."""
    p = b.plans[0] if len(b.plans) == 1 else None
    subject = f"{p.place}{p.head.name}" if p else "各地职业技能培训"
    return f"{subject}_{b.as_of:%Y%m%d}_"


def _quiet(share: float, what: str) -> None:
    del share, what


def _stepper(progress: Progress, start: float, span: float) -> Callable[[str], None]:
    """A writer's step callback: each step closes part of the gap to the end of its span."""
    steps = 0

    def step(what: str) -> None:
        nonlocal steps
        steps += 1
        progress(start + span * (1 - 0.7**steps), what)

    return step


def render(
    b: Briefing, changes: Changes | None, out: Path, progress: Progress = _quiet
) -> tuple[Path, Path, Path]:
    """Write the three files into `out` (created if need be); their paths."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".briefing-", dir=out))
    except OSError as exc:
        raise RenderFailed("输出目录 / the output directory", f"{out}: {exc}") from None
    names = [stem(b) + suffix for _, _, suffix, _ in PARTS]
    try:
        start = 0.15
        for (what, writer, _, weight), name in zip(PARTS, names, strict=True):
            progress(start, f"正在生成{what}…")
            try:
                writer(b, changes, work / name, _stepper(progress, start, weight * 0.8))
            except BriefingError:
                raise
            except Exception as exc:  # a writer's own failure: say which file, keep nothing
                raise RenderFailed(what, f"{type(exc).__name__}: {exc}") from exc
            start += weight * 0.8
        for name in names:
            os.replace(work / name, out / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    docx, pptx, xlsx = (out / n for n in names)
    return docx, pptx, xlsx


def make_briefing(
    as_of: date,
    out: Path,
    *,
    scope: RegionScope,
    db: str | Path | None = None,
    region: str | None = None,
    programme: str | None = None,
    office: str | None = None,
    snapshots: Path | None = None,
    keep_snapshot: bool = True,
    progress: Progress = _quiet,
    now: datetime | None = None,
) -> Outputs:
    """Gather (only the records inside `scope`, the user's region), compare with the last
    snapshot of that scope, write the three files into `out`, save."""
    progress(0.02, "正在读取数据…")
    b = gather(
        as_of, scope=scope, db=db, region=region, programme=programme, office=office, now=now
    )
    directory = scoped(snapshots or snapshot_dir(db), scope)
    before = previous(directory, b)
    changes = compare(b, before) if before is not None else None
    docx, pptx, xlsx = render(b, changes, out, progress)
    snapshot = None
    if keep_snapshot:
        progress(0.97, "正在保存快照…")
        snapshot = save(b, directory)
    progress(1.0, "已完成")
    return Outputs(docx, pptx, xlsx, snapshot, changes, b)


def reopen(
    b: Briefing, out: Path, snapshots: Path, progress: Progress = _quiet
) -> tuple[tuple[Path, Path, Path], Changes | None]:
    """The documents of a saved snapshot, with the changes since the one before it."""
    before = previous(snapshots, b)
    changes = compare(b, before) if before is not None else None
    return render(b, changes, out, progress), changes
