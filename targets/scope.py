"""Which records each quota counts, as data the marts join on (the quota's scope).

A record counts toward a quota when its programme_id is in the quota's scope and its end_date
falls inside the scope row's window (the quota's period, narrowed by every quota on the way) and
on or before the as-of date. The rules, from the catalogue (catalogue/documents/README.md):

* rollup "own": the records of the quota itself and of all its descendants;
* rollup "sum": the union of its children's scopes, each narrowed to the sum's period (manual and
  filtered children are left out: manual ones have no records, filtered ones would count their
  parent's records twice), and the records that name the sum quota itself (a ledger that gives
  Yuncheng's 全民技能提升工程 and no part): they count toward the total and toward no part, so
  nothing loaded goes uncounted;
* a `filter`: its parent's scope, keeping the records whose fields contain the filter's text;
* manual: nothing (actual stays null).

Each quota then counts its scope with its own measure: trained = every record, certified /
employed = the records flagged so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date

import polars as pl

from catalogue.loader import Catalogue
from catalogue.model import Quota, RecordFilter

FILTER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(RecordFilter))

SCOPE_SCHEMA: dict[str, type[pl.DataType]] = {
    "quota_id": pl.String,
    "programme_id": pl.String,
    "period_start": pl.Date,
    "period_end": pl.Date,
    "filtered": pl.Boolean,
    **dict.fromkeys(FILTER_FIELDS, pl.String),
}


@dataclass(frozen=True)
class Piece:
    """Records of one programme_id whose end_date lies in [start, end], passing `filter`."""

    programme_id: str
    start: date
    end: date
    filter: RecordFilter | None = None

    def narrow(self, q: Quota, flt: RecordFilter | None = None) -> Piece | None:
        """This piece inside q's period, with flt's fields added; None when nothing is left."""
        start, end = max(self.start, q.period_start), min(self.end, q.period_end)
        if start > end:
            return None
        merged = self.filter
        if flt is not None:
            # A field set on the inner quota replaces the outer one's: it is the more specific.
            own = {k: v for k, v in vars(flt).items() if v is not None}
            merged = replace(merged or RecordFilter(), **own)
        return Piece(self.programme_id, start, end, merged)


def pieces(catalogue: Catalogue, q: Quota) -> list[Piece]:
    """The scope of one quota (see the module docstring)."""
    if q.measure == "manual":
        return []
    if q.filter is not None:
        if q.parent_id is None:  # a filtered root: its own records, filtered
            base = _own(catalogue, q)
        else:
            base = pieces(catalogue, catalogue.get(q.parent_id))
        return [p for b in base if (p := b.narrow(q, q.filter)) is not None]
    if q.rollup == "sum":
        out: list[Piece] = [Piece(q.id, q.period_start, q.period_end)]
        for child in catalogue.children(q.id):
            if child.measure == "manual" or child.filter is not None:
                continue
            out.extend(p for c in pieces(catalogue, child) if (p := c.narrow(q)) is not None)
        return out
    return _own(catalogue, q)


def _own(catalogue: Catalogue, q: Quota) -> list[Piece]:
    ids = [q.id, *(d.id for d in catalogue.descendants(q.id))]
    return [Piece(pid, q.period_start, q.period_end) for pid in ids]


@dataclass(frozen=True)
class Scope:
    """Scope rows of a set of quotas: one per quota × programme_id (SCOPE_SCHEMA)."""

    frame: pl.DataFrame

    def only(self, quota_ids: Iterable[str]) -> Scope:
        """The rows of these quotas only."""
        wanted = list(quota_ids)
        return Scope(self.frame.filter(pl.col("quota_id").is_in(wanted)))


def build_scope(catalogue: Catalogue, quotas: Iterable[Quota] | None = None) -> Scope:
    """Scope rows of the given quotas (every quota of the catalogue by default)."""
    rows = []
    for q in catalogue.quotas if quotas is None else quotas:
        for p in pieces(catalogue, q):
            flt = vars(p.filter) if p.filter is not None else {}
            rows.append(
                {
                    "quota_id": q.id,
                    "programme_id": p.programme_id,
                    "period_start": p.start,
                    "period_end": p.end,
                    "filtered": p.filter is not None,
                    **{f: flt.get(f) for f in FILTER_FIELDS},
                }
            )
    return Scope(pl.DataFrame(rows, schema=SCOPE_SCHEMA))
