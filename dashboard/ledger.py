"""The Data page's tables: how fresh each plan's data is and the batch ledger, for the plans the
region filter selects, with names in the user's language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import polars as pl
import streamlit as st

from targets.plans import Lang, Plan
from ui.i18n import t
from ui.tables import headed

Table = tuple[pl.DataFrame, dict[str, Any]]


def freshness_table(frame: pl.DataFrame, plans: Sequence[Plan], lang: Lang, today: date) -> Table:
    """One row per plan in view: latest record date, days since, records, latest batch."""
    labels = {p.key: p.label(lang) for p in plans}
    rows = pl.DataFrame({"plan": list(labels)}, schema={"plan": pl.String})
    out = rows.join(frame, on="plan", how="left").select(
        pl.col("plan").replace_strict(labels).alias("plan"),
        "latest_record",
        (pl.lit(today) - pl.col("latest_record")).dt.total_days().alias("age"),
        "records",
        "batches",
        "latest_load",
        "latest_file",
    )
    cc = st.column_config
    config = {
        "plan": cc.TextColumn(t("col_plan", lang), pinned=True),
        "latest_record": cc.DateColumn(t("col_latest_record", lang), format="YYYY-MM-DD"),
        "age": cc.NumberColumn(t("col_age", lang), format="%d", help=t("help_age", lang)),
        "records": cc.NumberColumn(t("col_records", lang), format="localized"),
        "batches": cc.NumberColumn(t("col_batches", lang), format="localized"),
        "latest_load": cc.DatetimeColumn(t("col_latest_load", lang), format="YYYY-MM-DD HH:mm"),
        "latest_file": cc.TextColumn(t("col_latest_file", lang)),
    }
    return headed(out, config)


def in_view(frame: pl.DataFrame, plan: str | None) -> pl.DataFrame:
    """Batches touching the chosen plan (every batch without a choice, or with no records)."""
    if plan is None:
        return frame
    return frame.filter(pl.col("plans").list.contains(plan) | (pl.col("plans").list.len() == 0))


def batches_table(frame: pl.DataFrame, plans: Sequence[Plan], lang: Lang) -> Table:
    """The batch ledger, newest first."""
    labels = {p.key: p.label(lang) for p in plans}
    out = frame.select(
        "loaded_at",
        "file_name",
        pl.col("plans")
        .list.eval(pl.element().replace_strict(labels, default=pl.element()))
        .list.join("、")
        .alias("plans"),
        "rows",
        "loaded",
        "duplicates",
        "rejected",
        "skipped",
        "batch_id",
    )
    cc = st.column_config
    config = {
        "loaded_at": cc.DatetimeColumn(t("col_loaded_at", lang), format="YYYY-MM-DD HH:mm"),
        "file_name": cc.TextColumn(t("col_file", lang), pinned=True),
        "plans": cc.TextColumn(t("col_plan", lang)),
        "rows": cc.NumberColumn(t("col_rows", lang), format="localized"),
        "loaded": cc.NumberColumn(t("col_loaded", lang), format="localized"),
        "duplicates": cc.NumberColumn(t("col_duplicates", lang), format="localized"),
        "rejected": cc.NumberColumn(t("col_rejected", lang), format="localized"),
        "skipped": cc.NumberColumn(t("col_skipped", lang), format="localized"),
        "batch_id": cc.TextColumn(t("col_batch", lang)),
    }
    return headed(out, config)


def reject_batches(frame: pl.DataFrame) -> list[tuple[str, str]]:
    """(batch id, file name) of the batches whose rejects are quarantined, newest first."""
    rows = frame.filter((pl.col("rejected") > 0) & pl.col("duplicate_of").is_null())
    return [(b, f) for b, f in rows.select("batch_id", "file_name").iter_rows()]
