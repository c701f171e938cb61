"""`python -m etl export --parquet DIR`: the warehouse as a Parquet dataset, the lake's format.

    DIR/records/province=浙江省/year=2023/part-<uuid>.parquet   year = year of end_date
    DIR/summary/province=浙江省/year=2023/part-<uuid>.parquet
    DIR/batches/batches.parquet
    DIR/rejects/rejects.parquet
    DIR/_manifest.json                                           rows and files per table

Hive-style partitions, which Spark, Trino, DuckDB and Polars all read; a missing province is
`province=__HIVE_DEFAULT_PARTITION__` (read back as null). Partition values are written as UTF-8
(DuckDB percent-encodes non-ASCII, which Spark decodes byte by byte into mojibake); only the
characters that Hive escapes stay escaped. The partition columns live in the paths, not in the
files. `key_hash` is left out: it is DuckDB's hash(), not stable across engines or versions — the
duplicate key is its five fields. JSON columns are written as text.

Personal data: ID and phone numbers leave the warehouse masked (first 6 + ******** + last 4, as
everywhere else) and the quarantine's raw cells stay behind (`python -m etl rejects` fetches them
masked). With a lake key (`--key-file FILE` or `$SKILLTRACK_LAKE_KEY`, the same secret for every
source of one lake) each record also carries `person_key` = sha256(key || ID number), so that a
national job can still find the same person across sources without seeing an ID number.

The dataset appears whole or not at all: it is written beside DIR and renamed into place, and DIR
must be absent or empty. The export reads one short-lived read-only connection: it never blocks a
load (loads write a copy and rename it in; see warehouse/store.py), and all its tables come from the
one version of the warehouse that connection opened, even if a load swaps in another meanwhile.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from uuid import uuid4

import duckdb

from etl.exceptions import ExportError
from etl.privacy import MASK
from warehouse.store import connect_read

# Table → (partitioned?, select list). Columns come from warehouse/sql/tables.sql.
PARTITION_BY = ("province", "year")


def _masked(column: str) -> str:
    """etl.privacy.mask() in SQL: first 6 + ******** + last 4; a short value masked whole."""
    s = f"trim({column})"
    return (
        f"case when {s} is null or {s} = '' then {s} when length({s}) >= 10 "
        f"then left({s}, 6) || '{MASK}' || right({s}, 4) else '{MASK}' end"
    )


_RECORDS = (
    "* exclude (key_hash) replace (extra::varchar as extra, "
    f"{_masked('id_number')} as id_number, {_masked('phone')} as phone), year(end_date) as year"
)
_PERSON_KEY = ", sha256($key || id_number) as person_key"
_TABLES: dict[str, tuple[bool, str]] = {
    "records": (True, _RECORDS),
    "summary": (True, "*, year(end_date) as year"),
    "batches": (False, "* replace (reasons::varchar as reasons)"),
    "rejects": (False, "* exclude (raw)"),
}
KEY_ENV = "SKILLTRACK_LAKE_KEY"
# Characters Hive (and so Spark) escapes in a partition directory name; everything else is kept.
_HIVE_ESCAPED = frozenset("\"#%'*/:=?\\{}[]^\x7f") | {chr(i) for i in range(32)}
MANIFEST = "_manifest.json"
MEMORY_LIMIT = "1GB"


@dataclass(frozen=True)
class TableExport:
    """What one table of the export holds."""

    rows: int
    files: int
    partitions: int


def lake_key(key_file: Path | None) -> str | None:
    """The lake key: the file's first line, else $SKILLTRACK_LAKE_KEY, else None (no person_key)."""
    if key_file is not None:
        try:
            key = key_file.read_text(encoding="utf-8").strip()
        except OSError as e:
            raise ExportError(key_file, f"the key file cannot be read ({e.strerror}).") from e
        if not key:
            raise ExportError(key_file, "the key file is empty.")
        return key
    return os.environ.get(KEY_ENV) or None


def export_parquet(db: Path, out: Path, key: str | None = None) -> dict[str, TableExport]:
    """Write the warehouse at db as a Parquet dataset at out (absent or empty); per-table counts.

    ID and phone numbers are masked; with a key, records carry person_key (see the module)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(
            out, "already exists and is not an empty directory. Choose a new directory."
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial-{uuid4().hex[:8]}")
    con = connect_read(db)
    try:
        con.execute("set enable_progress_bar = false")
        # Bounded, so that a national warehouse streams to disk instead of filling memory.
        con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
        partial.mkdir()
        done = {name: _copy(con, name, partial, key) for name in _TABLES}
        manifest = {
            "warehouse": str(db.resolve()),
            "exported_at": datetime.now().isoformat(timespec="seconds"),
            "partition_by": {n: list(PARTITION_BY) for n, (p, _) in _TABLES.items() if p},
            "tables": {n: vars(t) for n, t in done.items()},
            "masked": ["records.id_number", "records.phone"],
            "person_key": "sha256(lake key || id_number)" if key else None,
        }
        (partial / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        os.replace(partial, out)  # a directory may replace an empty one, atomically
    except duckdb.Error as e:
        shutil.rmtree(partial, ignore_errors=True)
        raise ExportError(out, f"the export failed ({e}); nothing was written.") from e
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    finally:
        con.close()
    return done


def _copy(con: duckdb.DuckDBPyConnection, name: str, root: Path, key: str | None) -> TableExport:
    partitioned, columns = _TABLES[name]
    target = root / name
    params: dict[str, str] = {}
    if name == "records" and key:
        columns += _PERSON_KEY
        params["key"] = key
    query = f"select {columns} from {name}"  # name and columns: our own constants
    if partitioned:
        options = (
            f"format parquet, compression zstd, partition_by ({', '.join(PARTITION_BY)}), "
            "filename_pattern 'part-{uuid}'"
        )
        written = con.execute(f"copy ({query}) to '{_sql_path(target)}' ({options})", params)
        rows = _scalar(written)
        _unescape_partitions(target)
    else:
        target.mkdir(parents=True)
        path = target / f"{name}.parquet"
        options = "format parquet, compression zstd"
        rows = _scalar(con.execute(f"copy ({query}) to '{_sql_path(path)}' ({options})"))
    files = sorted(target.rglob("*.parquet"))
    partitions = len({f.parent for f in files}) if partitioned else 0
    return TableExport(rows=rows, files=len(files), partitions=partitions)


def _sql_path(path: Path) -> str:
    """A path as a SQL string literal's contents (COPY takes no bound parameter for its target)."""
    return str(path).replace("'", "''")


def hive_name(value: str) -> str:
    """A partition value as Hive writes it in a directory name: only its special characters
    escaped, as %XX."""
    return "".join(f"%{ord(c):02X}" if c in _HIVE_ESCAPED else c for c in value)


def _unescape_partitions(root: Path) -> None:
    """Rename DuckDB's percent-encoded partition directories to Hive's (UTF-8) spelling."""
    for d in sorted(root.rglob("*=*"), key=lambda p: len(p.parts), reverse=True):
        key, _, encoded = d.name.partition("=")
        value = unquote(encoded, encoding="utf-8", errors="strict")
        name = f"{key}={encoded if encoded.startswith('__HIVE_') else hive_name(value)}"
        if name != d.name:
            d.rename(d.with_name(name))


def _scalar(result: duckdb.DuckDBPyConnection) -> int:
    """The row count COPY reports."""
    row = result.fetchone()
    return int(row[0]) if row else 0


def summary_json(out: Path, tables: dict[str, TableExport]) -> dict[str, Any]:
    """The CLI's --json object."""
    return {"dir": str(out), "tables": {n: vars(t) for n, t in tables.items()}}
