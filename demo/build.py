"""`python -m etl demo`: write the synthetic ledgers and load them through the ordinary path."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from catalogue.loader import Catalogue
from demo.generate import budget_note, write_demo_files, write_samples
from etl.load import BatchResult, load_files
from etl.progress import ProgressBar
from warehouse.exceptions import WarehouseError
from warehouse.store import exclusive


def build_demo(
    db: Path,
    *,
    rows: int | None = None,
    seed: int = 0,
    today: date | None = None,
    verbose: bool = True,
    replace: bool = False,
    catalogue: Catalogue | None = None,
) -> list[BatchResult]:
    """Build the demo warehouse at db: a new file, swapped in whole when every ledger has loaded.

    rows=None writes every programme at its realistic size (about 4.75 million rows); a smaller
    budget scales the large plans down (see demo.generate). The messy sample files are written
    beside the warehouse (data/samples/). An existing warehouse is replaced only with
    replace=True, so that real batches are never thrown away by accident.
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
    files = write_demo_files(db.parent / "demo", rows, seed, day, catalogue)
    write_samples(db.parent / "samples")  # the same few messy files whatever the seed
    building = db.with_name(db.name + ".demo")
    for stale in (building, building.with_name(building.name + ".wal")):
        stale.unlink(missing_ok=True)
    results: list[BatchResult] = []
    try:
        for f in files:
            bar = ProgressBar() if verbose else None
            results += load_files([f], building, today=day, catalogue=catalogue, progress=bar)
            if bar:
                bar.close()
            r = results[-1]
            say(f"  {r.file}: 导入 {r.loaded:,} 行（拒绝 {r.rejected}，重复 {r.duplicates}）")
        with exclusive(db):
            os.replace(building, db)
    finally:
        building.unlink(missing_ok=True)
        building.with_name(building.name + ".lock").unlink(missing_ok=True)
    say(f"演示数据仓库已建成：{db}")
    return results
