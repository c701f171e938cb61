"""Loading files uploaded on the Data page: through etl.load.load_files into the same warehouse
the command line loads into. The writer lock and the atomic swap (warehouse/store.py) make a load
from the page and one from the command line safe at the same time; readers keep their file.

A load is the signed-in user's: limited to their scope (passed as the batch's region, so rows
of another region are rejected as region_conflict), tagged with them (access.loads) and written
to the audit log with the file, its hash, the batch and its counts.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

import polars as pl

from access import loads
from access.accounts import User
from access.exceptions import NotAllowed
from catalogue.regions import RegionScope
from dashboard.auth import log, state
from etl.exceptions import EtlError, HeaderNotFound, UnreadableFile
from etl.fields import REASONS
from etl.load import BatchResult, file_hash, load_files
from etl.rejects import export_rejects
from etl.validate import REASON_LABELS
from ui.i18n import Lang, t
from warehouse.exceptions import WarehouseError

ACCEPTED = ("csv", "xlsx", "parquet")
Progress = Callable[[float, str], object]  # (share done 0…1, text); what it returns is ignored


class Uploaded(Protocol):
    """What st.file_uploader returns, as far as loading needs it."""

    name: str

    def getvalue(self) -> bytes: ...


@dataclass
class LoadReport:
    """One upload: the contract's per-file summaries, the files that failed and why."""

    results: list[BatchResult] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    rejects: dict[str, bytes] = field(default_factory=dict)  # batch id → XLSX of its rejects


def batch_region(scope: RegionScope) -> str | None:
    """The region a user's loads are for, as etl.load takes it: a province, city or county
    (a town's user loads for their county: the ETL knows no towns), none for every region."""
    if scope.everything:
        return None
    return scope.county or scope.city or scope.province


def load_uploads(
    files: Sequence[Uploaded],
    db: Path,
    lang: Lang,
    progress: Progress,
    today: date,
    user: User,
) -> LoadReport:
    """Save each upload under its own name in a temporary folder and load it as one batch for
    the user's scope."""
    if not user.may("load"):
        raise NotAllowed(user.name, "load")
    region = batch_region(user.scope)
    report = LoadReport()
    with tempfile.TemporaryDirectory(prefix="skilltrack-upload-") as tmp:
        for i, up in enumerate(files):
            path = Path(tmp) / Path(up.name).name
            path.write_bytes(up.getvalue())

            def step(file: str, done: int, total: int | None, i: int = i) -> None:
                share = done / total if total else 0.5
                progress(
                    min((i + share) / len(files), 1.0),
                    t("loading_rows", lang, file=file, rows=f"{done:,}"),
                )

            progress(i / len(files), t("loading_file", lang, file=up.name))
            try:
                if region is None:
                    [result] = load_files([path], db, today=today, progress=step)
                else:  # one call with region=region once etl.load takes it (the count branch)
                    [result] = load_files(
                        [path],
                        db,
                        today=today,
                        progress=step,
                        region=region,  # type: ignore[call-arg]
                    )
            except (EtlError, WarehouseError) as exc:
                report.failures.append((up.name, explain(exc, lang)))
                log(user, "load", up.name, error=explain(exc, lang)[:300])
                continue
            report.results.append(result)
            loads.tag(state(), result.batch_id, user.name, user.scope, up.name)
            log(
                user,
                "load",
                up.name,
                result.loaded,
                sha256=file_hash(path),
                batch=result.batch_id,
                file_rows=result.rows,
                duplicates=result.duplicates,
                rejected=result.rejected,
                skipped=result.skipped,
                region=region,
            )
            if result.rejected:  # a repeated file's rejects stay with the first batch
                batch = result.duplicate_of or result.batch_id
                report.rejects[result.batch_id] = rejects_xlsx(db, batch)
    progress(1.0, t("loading_done", lang))
    return report


def rejects_download(db: Path, batch: str, file: str, user: User) -> bytes:
    """rejects_xlsx() for the user's download, written to the audit log."""
    if not user.may("download"):
        raise NotAllowed(user.name, "download")
    data = rejects_xlsx(db, batch)
    log(user, "download", f"被拒记录-{file}.xlsx", batch=batch)
    return data


def rejects_xlsx(db: Path, batch: str | None) -> bytes:
    """The quarantined rows of a batch as XLSX bytes (masked, formula-safe: etl.rejects)."""
    with tempfile.TemporaryDirectory(prefix="skilltrack-rejects-") as tmp:
        out = Path(tmp) / "rejects.xlsx"
        export_rejects(db, out, batch)
        return out.read_bytes()


def explain(exc: EtlError | WarehouseError, lang: Lang) -> str:
    """An ETL error in the user's language, with what to do next."""
    if isinstance(exc, HeaderNotFound):
        found = "、".join(h for h in exc.headers_found if h) or "—"
        wanted = "；".join(" / ".join(aliases) for aliases in exc.expected.values())
        return t("error_header", lang, file=exc.file, found=found, wanted=wanted)
    if isinstance(exc, UnreadableFile):
        return t("error_unreadable", lang, file=exc.file, detail=exc)
    return t("error_etl", lang, detail=exc)


def summary_frame(results: Sequence[BatchResult], lang: Lang) -> pl.DataFrame:
    """The contract's summary per file, with column names in the user's language."""
    return pl.DataFrame(
        {
            t("col_file", lang): [r.file for r in results],
            t("col_rows", lang): [r.rows for r in results],
            t("col_loaded", lang): [r.loaded for r in results],
            t("col_duplicates", lang): [r.duplicates for r in results],
            t("col_rejected", lang): [r.rejected for r in results],
            t("col_skipped", lang): [r.skipped for r in results],
        },
        schema_overrides={t("col_file", lang): pl.String},
    )


def reasons_frame(reasons: dict[str, int], lang: Lang) -> pl.DataFrame:
    """Rejections by first reason, in the contract's order, explained in the user's language."""
    col = 1 if lang == "en" else 0
    codes = [c for c in REASONS if reasons.get(c)]
    return pl.DataFrame(
        {
            t("col_reason", lang): [REASON_LABELS[c][col] for c in codes],
            t("col_code", lang): codes,
            t("col_count", lang): [reasons[c] for c in codes],
        },
        schema={
            t("col_reason", lang): pl.String,
            t("col_code", lang): pl.String,
            t("col_count", lang): pl.Int64,
        },
    )
