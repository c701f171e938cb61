"""The warehouse's schema version and the migrations that bring an older file up to it.

    version 1   batches, records, rejects, summary (the first warehouses; no version table)
    version 2   + summary_days and summary_dimensions, the summaries loads keep
                (sql/migrations/002_kept_summaries.sql fills them from summary and records)
    version 3   + summary_people, summary_people_days, summary_people_scope: the people of the
                人 / 名 quotas (filled by the next load; 003_people.sql)
    version 4   + audit_counts_months, audit_money_months: the subsidy audit's month marts
                (filled from its day marts; 004_audit_months.sql)
    version 5   + audit.town, audit_place_counts, audit_place_money: the subsidy audit by place
                (the town from records, the marts from audit; 005_audit_places.sql)
    version 6   + summary_batches (the Data page's per-batch places) and summary_place_months (the
                marts by place), filled from the summary by 006_kept_places.sql

    version 7   `audit` keeps the flagged records only (007_flagged_audit.sql)
    version 8   a slimmer audit: `audit` without the ID number and the money by part, no pay
                events for parts paid on completion (008_slimmer_audit.sql)
    version 9   audit_place_counts keeps the flagged records only; the unflagged are the
                summary's trainings less the flagged ones (009_flagged_place_counts.sql)
    version 10  the money by place on one place id: audit_money_places and audit_place_events
                replace audit_place_money (010_money_place_ids.sql)
tables.sql always creates the current tables (`create … if not exists`); a migration fills what
an older file lacks. Every write runs them (store.writing), and a reader that finds an older file
upgrades it first (`upgrade`: the writer's lock, a copy, the atomic swap), so no query ever needs
a fallback for a table an old file may lack.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA_VERSION = 10
MIGRATIONS_DIR = Path(__file__).resolve().parent / "sql" / "migrations"
MIGRATIONS: dict[int, str] = {
    2: "002_kept_summaries",
    3: "003_people",
    4: "004_audit_months",
    5: "005_audit_places",
    6: "006_kept_places",
    7: "007_flagged_audit",
    8: "008_slimmer_audit",
    9: "009_flagged_place_counts",
    10: "010_money_place_ids",
}  # version → its file of MIGRATIONS_DIR
VERSION_TABLE = "schema_version"
# The migration that drops the last of the tables older schemas had: a file older than it gets
# them (those of its schema that today's do not make, empty) before its migrations run, so that
# every migration finds what it reads (sql/migrations/legacy_tables.sql).
LEGACY_DROPPED_BY = 10


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    [(count,)] = con.execute(
        "select count(*) from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main' and table_name = ? and not temporary",
        [table],
    ).fetchall()
    return bool(count)


def version_of(con: duckdb.DuckDBPyConnection) -> int:
    """The file's schema version: 0 for an empty file, 1 for one made before versions."""
    if _has_table(con, VERSION_TABLE):
        [(version,)] = con.execute(f"select max(version) from {VERSION_TABLE}").fetchall()
        if version is not None:
            return int(version)
    return 1 if _has_table(con, "records") else 0


def migrate(con: duckdb.DuckDBPyConnection, fresh: bool) -> list[int]:
    """Run every migration past the file's version (none for a fresh file: it is created at the
    current version) and record the version; the versions applied. Call after tables.sql."""
    current = SCHEMA_VERSION if fresh else version_of(con)
    applied = [v for v in sorted(MIGRATIONS) if v > current]
    if applied and applied[0] <= LEGACY_DROPPED_BY:
        con.execute((MIGRATIONS_DIR / "legacy_tables.sql").read_text(encoding="utf-8"))
    for v in applied:
        con.execute((MIGRATIONS_DIR / f"{MIGRATIONS[v]}.sql").read_text(encoding="utf-8"))
    if fresh or applied or not _recorded(con):
        con.execute(
            f"insert into {VERSION_TABLE} (version, applied_at) values (?, current_timestamp)",
            [SCHEMA_VERSION],
        )
    return applied


def _recorded(con: duckdb.DuckDBPyConnection) -> bool:
    [(count,)] = con.execute(f"select count(*) from {VERSION_TABLE}").fetchall()
    return bool(count)
