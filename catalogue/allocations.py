"""Town allocations (任务分解): catalogue/allocations/*.csv, a quota's target split over its towns.

Each file is UTF-8 CSV (a BOM is fine) with the header `programme_id,town,target`, one town per
line. Checks, each failing with the file and line: the header; a programme id the catalogue
knows, of a county-level quota that records measure (town names are unique only within a
county); a town name; a whole target ≥ 0; a (programme, town) given once across all files. The
sum of a quota's towns is not checked against its target: counties often allocate above it.
Town names are normalised as the ETL normalises records (trimmed, half-width).
$SKILLTRACK_ALLOCATIONS may point to another directory.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

import polars as pl

from catalogue.exceptions import AllocationError, UnknownQuota
from catalogue.loader import Catalogue, load_catalogue
from catalogue.text import text as normalise_text

ALLOCATIONS_DIR = Path(__file__).resolve().parent / "allocations"
ALLOCATIONS_ENV = "SKILLTRACK_ALLOCATIONS"
HEADER = ("programme_id", "town", "target")
SCHEMA = {
    "programme_id": pl.String,
    "town": pl.String,
    "target": pl.Int64,
    "file": pl.String,
    "line": pl.Int64,
}


def allocations_dir(directory: Path | None = None) -> Path:
    """catalogue/allocations, or where SKILLTRACK_ALLOCATIONS points."""
    if directory is not None:
        return directory
    env = os.environ.get(ALLOCATIONS_ENV)
    return Path(env) if env else ALLOCATIONS_DIR


def load_allocations(
    directory: Path | None = None, catalogue: Catalogue | None = None
) -> pl.DataFrame:
    """Every allocation, validated: programme_id, town, target, file, line.

    Cached on the files' contents; AllocationError names the first bad file and line.
    """
    folder = allocations_dir(directory)
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    key = tuple((str(p), hashlib.sha1(p.read_bytes()).hexdigest()) for p in files)
    return _load(key, catalogue or load_catalogue())


@lru_cache(maxsize=8)
def _load(key: tuple[tuple[str, str], ...], catalogue: Catalogue) -> pl.DataFrame:
    rows: list[dict[str, object]] = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for path, _ in key:
        for row in _read(Path(path), catalogue):
            pid, town, file, line = row["programme_id"], row["town"], row["file"], row["line"]
            assert isinstance(pid, str) and isinstance(town, str) and isinstance(line, int)
            first = seen.setdefault((pid, town), (str(file), line))
            if first != (file, line):
                raise AllocationError(
                    path,
                    line,
                    f"{town!r} is allocated {pid!r} a second time (first in {first[0]}, line "
                    f"{first[1]}); keep one line per town",
                )
            rows.append(row)
    return pl.DataFrame(rows, schema=SCHEMA)


def _read(path: Path, catalogue: Catalogue) -> list[dict[str, object]]:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise AllocationError(path, None, "is not UTF-8; save it as UTF-8 CSV") from None
    reader = csv.reader(io.StringIO(content, newline=""))
    lines = [(reader.line_num, cells) for cells in reader]
    if not lines or tuple(c.strip() for c in lines[0][1]) != HEADER:
        found = ",".join(lines[0][1]) if lines else "(empty file)"
        raise AllocationError(path, 1, f"the header must be {','.join(HEADER)}, not {found}")
    raw = [(n, cells) for n, cells in lines[1:] if any(c.strip() for c in cells)]
    towns = _normalise([cells[1] if len(cells) > 1 else "" for _, cells in raw])
    out: list[dict[str, object]] = []
    for (n, cells), town in zip(raw, towns, strict=True):
        if len(cells) != len(HEADER):
            raise AllocationError(
                path, n, f"has {len(cells)} cells; write programme_id,town,target"
            )
        pid, target = cells[0].strip(), cells[2].strip()
        _check_programme(path, n, pid, catalogue)
        if not town:
            raise AllocationError(path, n, "the town is empty")
        if not target.isdigit():
            raise AllocationError(path, n, f"target {target!r} is not a whole number ≥ 0")
        row = {"programme_id": pid, "town": town, "target": int(target)}
        out.append({**row, "file": str(path), "line": n})
    return out


def _normalise(towns: list[str]) -> list[str]:
    """Town names as the ETL stores them."""
    series = pl.Series("town", towns, dtype=pl.String)
    return [t or "" for t in pl.select(normalise_text(pl.lit(series))).to_series().to_list()]


def _check_programme(path: Path, line: int, pid: str, catalogue: Catalogue) -> None:
    try:
        q = catalogue.get(pid)
    except UnknownQuota as exc:
        raise AllocationError(path, line, str(exc)) from None
    if q.measure == "manual":
        raise AllocationError(path, line, f"{pid!r} is a manual quota: no record measures it")
    if q.region.level != "county":
        raise AllocationError(
            path,
            line,
            f"{pid!r} is a {q.region.level}-level quota; towns are allocated for county-level "
            "quotas only (a town's name is unique only within its county)",
        )


def for_programme(allocations: pl.DataFrame, programme_id: str) -> pl.DataFrame:
    """town, target of one quota's allocation (empty when it has none)."""
    return allocations.filter(pl.col("programme_id") == programme_id).select("town", "target")
