"""`python -m etl demo`: write the synthetic ledgers and load them through the ordinary path."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from catalogue.loader import Catalogue, load_catalogue
from demo.generate import budget_note, layout_for, write_demo_files, write_samples
from demo.plan import loaded_for
from etl.load import BatchResult, load_files
from etl.progress import ProgressBar
from warehouse.exceptions import WarehouseError
from warehouse.store import exclusive

Step = Callable[[float, str], None]  # share done (0…1), the ledger being loaded ("" before)


def _both(
    bar: ProgressBar | None, step: Step | None, index: int, count: int
) -> Callable[[str, int, int | None], None] | None:
    """The load's progress to the terminal's bar and to `step`, as a share of every file."""
    if step is None:
        return bar

    def hear(file: str, done: int, total: int | None) -> None:
        if bar is not None:
            bar(file, done, total)
        within = min(done / total, 1.0) if total else 0.0
        step((index + within) / count, file)

    return hear


def build_demo(
    db: Path,
    *,
    rows: int | None = None,
    seed: int = 0,
    today: date | None = None,
    verbose: bool = True,
    replace: bool = False,
    catalogue: Catalogue | None = None,
    step: Step | None = None,
) -> list[BatchResult]:
    """Build the demo warehouse at db: a new file, swapped in whole when every ledger has loaded.

    rows=None writes every programme at its realistic size (about 4.75 million rows); a smaller
    budget scales the large plans down (see demo.generate). The messy sample files are written
    beside the warehouse (data/samples/). An existing warehouse is replaced only with
    replace=True, so that real batches are never thrown away by accident. `step` hears the share
    done (0…1) and what is being done, for a page to show the same progress as the terminal.
    """
    day = today or date.today()
    if db.exists() and not replace:
        raise WarehouseError(
            db, "a warehouse already exists here; pass --replace to rebuild it as the demo."
        )

    def say(msg: str) -> None:
        if verbose:
            print(msg, file=sys.stderr)

    say(f"正在生成演示数据… {budget_note(rows, day, catalogue)}")
    if step:
        step(0.0, "")
    files = write_demo_files(db.parent / "demo", rows, seed, day, catalogue)
    write_samples(db.parent / "samples")  # the same few messy files whatever the seed
    building = db.with_name(db.name + ".demo")
    for stale in (building, building.with_name(building.name + ".wal")):
        stale.unlink(missing_ok=True)
    cat = catalogue or load_catalogue()
    keys = {q.id.split("-", 1)[0] for q in cat.quotas}

    def region_of(path: Path) -> str:
        """The region a ledger is loaded for (`--region`): its quotas' own."""
        key = next(k for k in keys if layout_for(k).file_name == path.name)
        return loaded_for(key, cat)

    results: list[BatchResult] = []
    try:
        for i, f in enumerate(files):
            bar = ProgressBar() if verbose else None
            progress = _both(bar, step, i, len(files))
            results += load_files(
                [f],
                building,
                today=day,
                catalogue=catalogue,
                progress=progress,
                region=region_of(f),
            )
            if bar:
                bar.close()
            r = results[-1]
            say(f"  {r.file}: 导入 {r.loaded:,} 行（拒绝 {r.rejected}，重复 {r.duplicates}）")
            if step:
                step((i + 1) / len(files), r.file)
        with exclusive(db):
            os.replace(building, db)
    finally:
        building.unlink(missing_ok=True)
        building.with_name(building.name + ".lock").unlink(missing_ok=True)
    say(f"演示数据仓库已建成：{db}")
    return results
