"""People, kept by every load: 人 / 名 quotas count distinct ID numbers (CONTRACT §3, Units).

For each such quota a load keeps each person's first counted day (per year for a yearly target,
else over the period), their first certified and first employed day, and the place of their
first training (summary_people), then rebuilds how many people each day added
(summary_people_days), in the load's transaction. The marts sum the daily additions up to an
as-of date: the distinct people, as fast as the record counts.

Which records a quota counts is its scope (targets/scope.py). The scope each quota was kept for
is stored (summary_people_scope); a quota whose scope changed since, or that is new, is counted
again from every record by the next load, and until then the marts count it from records.
"""

from __future__ import annotations

import duckdb
import polars as pl

from catalogue.loader import Catalogue
from catalogue.scope import SCOPE_COLUMNS_KEPT, people_scope
from etl.statements import sql

STAGE_SCOPE = "stage_people_scope"
STAGE_PEOPLE = "stage_people"


def keep_people(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, batch_id: str) -> None:
    """Bring summary_people up to date with one loaded batch (inside the load's transaction)."""
    scope = people_scope(catalogue).select(SCOPE_COLUMNS_KEPT)
    rows = con.execute(
        f"select {', '.join(SCOPE_COLUMNS_KEPT)} from summary_people_scope"  # our columns
    ).fetchall()
    stored = pl.DataFrame(rows, schema=scope.schema, orient="row")
    rebuild = _changed(scope, stored)
    con.register(
        "incoming_scope",
        scope.with_columns(pl.col("quota_id").is_in(rebuild).alias("rebuild")).to_arrow(),
    )
    try:
        con.execute(f"create or replace temp table {STAGE_SCOPE} as select * from incoming_scope")
    finally:
        con.unregister("incoming_scope")
    gone = sorted(set(stored.get_column("quota_id")) - set(scope.get_column("quota_id")))
    con.execute(
        "delete from summary_people where quota_id in (select unnest(?::varchar[]))",
        [sorted({*rebuild, *gone})],
    )
    con.execute(
        f"create or replace temp table {STAGE_PEOPLE} as " + sql("people_batch"),
        {"batch_id": batch_id},
    )
    con.execute("create or replace temp table stage_people_merged as " + sql("people_merge"))
    con.execute(
        "delete from summary_people as p using stage_people as b "
        "where p.quota_id = b.quota_id and p.bucket = b.bucket and p.id_number = b.id_number"
    )
    con.execute("insert into summary_people by name select * from stage_people_merged")
    con.execute(sql("rebuild_people_days"))
    con.execute("delete from summary_people_scope")
    con.register("incoming_scope", scope.to_arrow())
    try:
        con.execute("insert into summary_people_scope by name select * from incoming_scope")
    finally:
        con.unregister("incoming_scope")
    for table in (STAGE_SCOPE, STAGE_PEOPLE, "stage_people_merged"):
        con.execute(f"drop table if exists {table}")


def _changed(scope: pl.DataFrame, stored: pl.DataFrame) -> list[str]:
    """Quotas whose scope rows differ from those summary_people was kept for (new ones too)."""
    out = []
    for qid in scope.get_column("quota_id").unique().sort():
        mine = scope.filter(pl.col("quota_id") == qid).sort(pl.all())
        kept = stored.filter(pl.col("quota_id") == qid).sort(pl.all())
        if not mine.equals(kept):
            out.append(qid)
    return out
