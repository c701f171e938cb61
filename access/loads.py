"""Batches loaded from the dashboard, tagged with who loaded them for which scope.

A user with a region sees a batch's whole counts and its quarantined rows only when the batch
was loaded for a region inside theirs (`own`): a file loaded for another region may hold rows
of any region, so only its records inside theirs are shown to them.
"""

from __future__ import annotations

from pathlib import Path

from access.accounts import now
from access.store import connect
from catalogue.region_scope import RegionScope


def tag(state: Path, batch_id: str, user: str, scope: RegionScope, file: str) -> None:
    """Remember who loaded the batch for which scope (a repeated batch keeps its first tag)."""
    with connect(state) as con:
        con.execute(
            "insert or ignore into loads (batch_id, user, scope, file, at) values (?, ?, ?, ?, ?)",
            [batch_id, user, scope.path, file, now().isoformat()],
        )


def own(state: Path, scope: RegionScope) -> tuple[str, ...]:
    """The batches loaded from the dashboard for a region inside `scope`."""
    with connect(state) as con:
        rows = con.execute("select batch_id, scope from loads order by at").fetchall()
    return tuple(b for b, s in rows if scope.contains(RegionScope.from_path(s)))
