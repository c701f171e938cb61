"""The 补贴审核 page's tables: a frame in, (frame with labelled columns, column config) out."""

from __future__ import annotations

import polars as pl
import streamlit as st

from ui.i18n import Lang, t
from ui.tables import PLACEHOLDER, Table, headed


def why_table(frame: pl.DataFrame, lang: Lang) -> Table:
    """condition, waiting, withheld: what is withheld, and why."""
    labels = {c: t(f"cond_{c}", lang) for c in frame.get_column("condition").unique().to_list()}
    out = frame.select(
        pl.col("condition").replace_strict(labels, return_dtype=pl.String),
        "waiting",
        "withheld",
    )
    config = {
        "condition": st.column_config.TextColumn(t("col_condition", lang)),
        "waiting": st.column_config.NumberColumn(t("col_waiting", lang), format="localized"),
        "withheld": st.column_config.NumberColumn(t("subsidy_withheld", lang), format="localized"),
    }
    return headed(out, config)


def flags_table(frame: pl.DataFrame, lang: Lang) -> Table:
    """flag, flagged, excluded: the trainings each flag marks and excludes from subsidy."""
    labels = {c: t(f"flag_{c}", lang) for c in frame.get_column("flag").to_list()}
    out = frame.select(
        pl.col("flag").replace_strict(labels, return_dtype=pl.String).alias("label"),
        "flag",
        "flagged",
        "excluded",
    )
    config = {
        "label": st.column_config.TextColumn(t("col_flag", lang)),
        "flag": st.column_config.TextColumn(t("col_flag_code", lang)),
        "flagged": st.column_config.NumberColumn(t("col_flag_count", lang), format="localized"),
        "excluded": st.column_config.NumberColumn(t("col_flag_excluded", lang), format="localized"),
    }
    return headed(out, config)


def audit_institutions_table(frame: pl.DataFrame, lang: Lang) -> Table:
    """Institutions worst first: trainings, flagged and their share, excluded, money."""
    out = frame.select(
        pl.col("institution").fill_null(PLACEHOLDER),
        "records",
        "flagged",
        (pl.col("flagged_share") * 100).alias("share"),
        "ineligible",
        "amount",
        "payable",
        "withheld",
    )
    count = "localized"
    config = {
        "institution": st.column_config.TextColumn(t("col_institution", lang), pinned=True),
        "records": st.column_config.NumberColumn(t("col_records", lang), format=count),
        "flagged": st.column_config.NumberColumn(t("col_flagged", lang), format=count),
        "share": st.column_config.NumberColumn(t("col_flagged_share", lang), format="%.1f%%"),
        "ineligible": st.column_config.NumberColumn(t("col_ineligible", lang), format=count),
        "amount": st.column_config.NumberColumn(t("subsidy_amount", lang), format="localized"),
        "payable": st.column_config.NumberColumn(t("subsidy_payable", lang), format="localized"),
        "withheld": st.column_config.NumberColumn(t("subsidy_withheld", lang), format="localized"),
    }
    return headed(out, config)
