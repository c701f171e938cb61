"""Loading files uploaded on the Data page: through etl.load.load_files into the same warehouse
the command line loads into. The writer lock and the atomic swap (warehouse/store.py) make a load
from the page and one from the command line safe at the same time; readers keep their file.

The load runs in a thread of its own; its progress comes back through a queue and is drawn by
the page's own (session) thread — Streamlit knows no other thread, and DuckDB calls the progress
from its workers. Uploads are saved owner-only beside the warehouse (warehouse.scratch), never in
the system's temporary folder, and removed when the load ends however it ends.

A load is the signed-in user's: limited to their scope (passed as the batch's region, so rows
of another region are rejected as region_conflict), tagged with them (access.loads) and written
to the audit log with the file, its hash, the batch and its counts.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

import polars as pl

from access import loads
from access.accounts import User
from access.exceptions import NotAllowed
from catalogue.loader import Catalogue
from catalogue.region_scope import RegionScope
from dashboard.auth import log, state
from dashboard.ledger import rejects_file_name
from etl.exceptions import EtlError, HeaderNotFound, SourceError
from etl.fields import REASONS
from etl.load import BatchResult, file_hash, load_files
from etl.named import named_region as etl_named_region
from etl.rejects import export_rejects
from etl.sheets import WORKBOOKS
from etl.validate import REASON_LABELS
from ui.i18n import Lang, t
from ui.plain import plain
from warehouse import scratch
from warehouse.exceptions import WarehouseError

ACCEPTED = ("csv", *(w.lstrip(".") for w in WORKBOOKS), "parquet")


def accepted(name: str) -> bool:
    """Whether a file of this name is of a type the loader reads (by its extension)."""
    return "." in name and name.rsplit(".", 1)[1].lower() in ACCEPTED


def uploader_style(button: str, limits: str) -> str:
    """CSS that writes the uploader's own button and limits line in the page's language
    (Streamlit draws them in English whatever the page's language)."""
    for text in (button, limits):
        if any(c in text for c in '"\\<>{}'):
            raise ValueError(f"not a plain label: {text!r}")
    drop = '[data-testid="stFileUploaderDropzone"]'
    return (
        "<style>"
        f'{drop} button [data-testid="stMarkdownContainer"] p{{font-size:0}}'
        f'{drop} button [data-testid="stMarkdownContainer"] p::after'
        f'{{content:"{button}";font-size:0.875rem}}'
        f'{drop} [data-testid="stFileUploaderDropzoneInstructions"] span{{font-size:0}}'
        f'{drop} [data-testid="stFileUploaderDropzoneInstructions"] span::after'
        f'{{content:"{limits}";font-size:0.875rem}}'
        "</style>"
    )


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
    hashes: dict[str, str] = field(default_factory=dict)  # batch id → the file's SHA-256


def named_region(up: Uploaded, catalogue: Catalogue, db: Path) -> str | None:
    """The region an upload's rows name (the region choice's default), or None; the upload is
    read from an owner-only copy beside the warehouse, removed at once."""
    with scratch.scratch_dir(db) as tmp:
        path = tmp / f"named{_plain_suffix(up.name)}"
        scratch.create_private(path)
        path.write_bytes(up.getvalue())
        return etl_named_region(path, catalogue, tmp)


def _plain_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix.isascii() and suffix[1:].isalnum() else ""


def batch_region(scope: RegionScope) -> str | None:
    """The region a user's loads are for, as etl.load takes it: a province, city or county
    (a town's user loads for their county: the ETL knows no towns), none for every region."""
    if scope.everything:
        return None
    return scope.county or scope.city or scope.province


def region_choices(catalogue: Catalogue, scope: RegionScope) -> list[str | None]:
    """The regions a user may load a file for: for every region, None (each row's own region)
    and every place of the catalogue; for a scope, the scope's own region first, then the places
    of the catalogue inside it."""
    names = catalogue.matcher.place_names()
    if scope.everything:
        return [None, *names]
    own = batch_region(scope)
    inside = [n for n in names if n != own and _inside(catalogue, n, scope)]
    return [own, *inside]


def _inside(catalogue: Catalogue, name: str, scope: RegionScope) -> bool:
    place = catalogue.matcher.place(name)
    if place is None:
        return False
    wanted = (scope.province, scope.city, scope.county)
    return all(w is None or w == p for w, p in zip(wanted, place.parts(), strict=True))


def load_uploads(
    files: Sequence[Uploaded],
    db: Path,
    lang: Lang,
    progress: Progress,
    today: date,
    user: User,
    region: str | None = None,
    *,
    catalogue: Catalogue | None = None,
) -> LoadReport:
    """Load each upload as one batch for `region` (None: each row's own), in a worker thread;
    progress is drawn from this thread. A user with a scope loads only for it: `region` must be
    one of region_choices (their own region when None), so rows of another region are rejected
    as region_conflict. Each batch is tagged with the user and written to the audit log."""
    if not user.may("load"):
        raise NotAllowed(user.name, "load")
    if not user.scope.everything:
        region = region if region is not None else batch_region(user.scope)
        own = region == batch_region(user.scope)
        if not own and (catalogue is None or region not in region_choices(catalogue, user.scope)):
            raise NotAllowed(user.name, "load")
    events: queue.Queue[tuple[float, str] | None] = queue.Queue()
    report = LoadReport()
    worker = threading.Thread(
        target=_load_all, args=(files, db, lang, today, events, report, region), daemon=True
    )
    worker.start()
    while (event := events.get()) is not None:
        progress(*event)
    worker.join()
    _record(user, report, region)
    progress(1.0, t("loading_done", lang))
    return report


def _load_all(
    files: Sequence[Uploaded],
    db: Path,
    lang: Lang,
    today: date,
    events: queue.Queue[tuple[float, str] | None],
    report: LoadReport,
    region: str | None,
) -> None:
    """The worker: save each upload beside the warehouse under its own name and load it."""
    try:
        with scratch.scratch_dir(db) as tmp:
            for i, up in enumerate(files):
                _load_one(up, i, len(files), tmp, db, lang, today, events, report, region)
    except Exception as exc:  # reported on the page: the page's thread must always be released
        report.failures.append(("", t("error_etl", lang, detail=plain(exc))))
    finally:
        events.put(None)


def _load_one(
    up: Uploaded,
    i: int,
    n: int,
    tmp: Path,
    db: Path,
    lang: Lang,
    today: date,
    events: queue.Queue[tuple[float, str] | None],
    report: LoadReport,
    region: str | None,
) -> None:
    # saved under a plain name (a user's name may hold glob characters such as [ ], which Polars
    # would expand); messages and the ledger use the name the user gave
    path = tmp / f"upload-{i}{_plain_suffix(up.name)}"
    scratch.create_private(path)
    path.write_bytes(up.getvalue())

    def step(file: str, done: int, total: int | None) -> None:
        share = done / total if total else 0.5
        text = t("loading_rows", lang, file=plain(file), rows=f"{done:,}")
        events.put((min((i + share) / n, 1.0), text))

    def waiting(message: str) -> None:
        events.put((i / n, message))

    events.put((i / n, t("loading_file", lang, file=plain(up.name))))
    try:
        [result] = load_files(
            [path],
            db,
            today=today,
            progress=step,
            names=[up.name],
            waiting=waiting,
            region=region,
        )
        digest = file_hash(path)
    except (EtlError, WarehouseError) as exc:
        report.failures.append((up.name, explain(exc, lang)))
        return
    finally:
        path.unlink(missing_ok=True)
    report.results.append(result)
    report.hashes[result.batch_id] = digest
    if result.rejected:  # a repeated file's rejects stay with the first batch
        batch = result.duplicate_of or result.batch_id
        report.rejects[result.batch_id] = rejects_xlsx(db, batch)


def _record(user: User, report: LoadReport, region: str | None) -> None:
    """Tag each batch with the user and write every load, and every failure, to the audit log
    (on the page's thread: the accounts store is the session's)."""
    for result in report.results:
        loads.tag(state(), result.batch_id, user.name, user.scope, result.file)
        log(
            user,
            "load",
            result.file,
            result.loaded,
            sha256=report.hashes.get(result.batch_id),
            batch=result.batch_id,
            file_rows=result.rows,
            duplicates=result.duplicates,
            rejected=result.rejected,
            skipped=result.skipped,
            region=region,
        )
    for file, message in report.failures:
        log(user, "load", file, error=message[:300])


def rejects_download(db: Path, batch: str, file: str, user: User) -> bytes:
    """rejects_xlsx() for the user's download, written to the audit log."""
    if not user.may("download"):
        raise NotAllowed(user.name, "download")
    data = rejects_xlsx(db, batch)
    log(user, "download", rejects_file_name(file), batch=batch)
    return data


def rejects_xlsx(db: Path, batch: str | None) -> bytes:
    """The quarantined rows of a batch as XLSX bytes (masked, formula-safe: etl.rejects); the
    file is written owner-only beside the warehouse and removed at once."""
    with scratch.scratch_file(db, ".xlsx") as out:
        export_rejects(db, out, batch)
        return out.read_bytes()


def explain(exc: EtlError | WarehouseError, lang: Lang) -> str:
    """An ETL error in the user's language, with what to do next; Markdown-safe (ui.plain)."""
    if isinstance(exc, HeaderNotFound):
        found = "、".join(h for h in exc.headers_found if h) or "—"
        wanted = "；".join(" / ".join(aliases) for aliases in exc.expected.values())
        return t("error_header", lang, file=plain(exc.file), found=plain(found), wanted=wanted)
    if isinstance(exc, SourceError):
        detail = exc.detail_en if lang == "en" else exc.detail
        return t("error_unreadable", lang, file=plain(exc.file), detail=plain(detail))
    detail = exc.detail if isinstance(exc, WarehouseError) else str(exc)
    return t("error_etl", lang, detail=plain(detail))


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
