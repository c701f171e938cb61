"""The region a file's rows name: the Data page's default for the batch's region (`--region`)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import polars as pl

from catalogue.loader import Catalogue
from etl.read import read_tables

SAMPLE_ROWS = 2000  # the first rows of each table are enough to tell where a ledger is from
_PLACES = ("province", "city", "county")


def named_region(path: Path, catalogue: Catalogue, work: Path) -> str | None:
    """The place the catalogue knows that more than half of the first rows' own region cells
    name (臨沭 → 临沭县), or None when no place is named by most rows: a ledger whose rows mostly
    leave their county empty keeps each row's own region, so one row of 盐湖区 among ten of
    Kaili's does not make the whole file Yuncheng's. A file that cannot be read names none:
    loading it will say why. Temporary copies go into `work` (see etl.read.read_tables)."""
    votes: Counter[str] = Counter()
    sampled = 0
    try:
        tables = list(read_tables(path, work))
    except Exception:
        return None
    for table in tables:
        cols = {f: c for c, f in table.mapping.items() if f in _PLACES}
        if not cols:
            continue
        sample = table.frame.select(list(cols.values())).head(SAMPLE_ROWS).collect()
        cells = sample.rename({c: f for f, c in cols.items()})
        sampled += cells.height
        for row in cells.unique().iter_rows(named=True):
            place, consistent = catalogue.matcher.own_place(
                row.get("province"), row.get("city"), row.get("county")
            )
            known = [p for p in place.parts() if p and catalogue.matcher.place(p)]
            if consistent and known:
                n = cells.filter(
                    pl.all_horizontal(
                        [pl.col(k).eq_missing(pl.lit(v, dtype=pl.String)) for k, v in row.items()]
                    )
                ).height
                votes[catalogue.matcher.place(known[-1]).label()] += n  # type: ignore[union-attr]
    if not votes:
        return None
    top, n = votes.most_common(1)[0]
    return top if 2 * n > sampled else None
