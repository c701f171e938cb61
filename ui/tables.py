"""Frames as st.dataframe shows them: columns in the reader's words, statuses as coloured labels
with their icon, rates beside their thresholds. Each builder returns (frame, column_config)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl
import streamlit as st

from ui import fmt
from ui.i18n import UNIT_WORDS, Lang, status_label, status_labels, t
from ui.theme import STATUS_COLOURS, STATUS_KEYS, TIME_PROGRESS_COLOUR

COMPLETION_COLOUR = "#0072B2"
PLACEHOLDER = "—"  # what st.dataframe shows for a missing value

Table = tuple[pl.DataFrame, dict[str, Any]]


def headed(frame: pl.DataFrame, config: dict[str, Any]) -> Table:
    """The frame with each column named by its label, as a table's CSV download writes the
    column names: a reader gets 完成率, not completion."""
    names = {c: config[c].get("label") or c for c in frame.columns if c in config}
    return frame.rename(names), {names.get(k, k): v for k, v in config.items()}


# Column widths (px) that fit a 1366-px screen beside the sidebar (about 900 px of table) with
# no pill over a figure and no word cut: the widest cell of each column, in each language.
WIDTHS: dict[str, tuple[int, int]] = {  # column: (zh, en)
    "label": (172, 208),
    "status": (92, 108),
    "target": (80, 80),
    "actual": (76, 76),
    "unit": (46, 104),  # "person-times"
    "share": (84, 84),
    "rate": (110, 110),
    "place": (140, 140),
    "needed": (100, 100),
}


def width(column: str, lang: Lang) -> int:
    zh, en = WIDTHS[column]
    return en if lang == "en" else zh


def status_config(lang: Lang) -> Any:
    """A read-only column of coloured status labels (icon + word), one colour per status."""
    return st.column_config.MultiselectColumn(
        t("col_status", lang),
        options=status_labels(lang),
        color=[STATUS_COLOURS[k] for k in STATUS_KEYS],
        width=width("status", lang),
        disabled=True,
    )


def status_cells(statuses: list[str | None], lang: Lang) -> pl.Series:
    return pl.Series(
        "status_label", [[status_label(s, lang)] for s in statuses], dtype=pl.List(pl.String)
    )


def rate_cells(rates: list[float | None], thresholds: list[float | None]) -> list[str]:
    """ "✔ 85.8% ≥ 80%" / "✖ 72.0% < 80%": the rate, whether it meets its threshold, and it."""
    out = []
    for r, thr in zip(rates, thresholds, strict=True):
        if r is None:
            out.append(fmt.DASH)
        elif thr is None:
            out.append(fmt.pct(r))
        else:
            ok = r >= thr  # exact, as targets.institutions compares
            out.append(f"{'✔' if ok else '✖'} {fmt.pct(r)} {'≥' if ok else '<'} {fmt.pct(thr, 0)}")
    return out


def _share(label: str, colour: str = COMPLETION_COLOUR) -> Any:
    """A share shown as a bar and a percentage (the frame holds it ×100, see `percent`)."""
    return st.column_config.ProgressColumn(
        label,
        min_value=0.0,
        max_value=100.0,
        format="%.1f%%",
        color=colour,
        width=WIDTHS["share"][0],
    )


def percent(column: str) -> pl.Expr:
    """A 0…1 share as 0…100, for a progress-bar column."""
    return (pl.col(column) * 100).alias(column)


def height(rows: int, cap: int = 40) -> int:
    """A table's height in pixels that shows up to `cap` rows without scrolling."""
    return 38 + 35 * min(max(rows, 1), cap)


def programme_table(rows: pl.DataFrame, lang: Lang) -> Table:
    """rows: label, status, target, actual, unit, completion, time_progress, rates, thresholds,
    needed_to_be_on_pace, projected_completion."""
    frame = rows.select(
        pl.col("label"),
        status_cells(rows.get_column("status").to_list(), lang),
        pl.col("target"),
        pl.col("actual"),
        pl.col("unit").replace(UNIT_WORDS) if lang == "en" else pl.col("unit"),
        percent("completion"),
        percent("time_progress"),
        pl.Series(
            "cert",
            rate_cells(
                rows.get_column("certificate_rate").to_list(),
                rows.get_column("certificate_threshold").to_list(),
            ),
        ),
        pl.Series(
            "emp",
            rate_cells(
                rows.get_column("employment_rate").to_list(),
                rows.get_column("employment_threshold").to_list(),
            ),
        ),
        pl.col("needed_to_be_on_pace"),
        pl.col("projected_completion"),
    )
    config = {
        "label": st.column_config.TextColumn(
            t("col_programme", lang), width=width("label", lang), pinned=True
        ),
        "status_label": status_config(lang),
        "target": st.column_config.NumberColumn(
            t("col_target", lang), format="localized", width=width("target", lang)
        ),
        "actual": st.column_config.NumberColumn(
            t("col_actual", lang), format="localized", width=width("actual", lang)
        ),
        "unit": st.column_config.TextColumn(t("col_unit", lang), width=width("unit", lang)),
        "completion": _share(t("col_completion", lang)),
        "time_progress": _share(t("col_time_progress", lang), TIME_PROGRESS_COLOUR),
        "cert": st.column_config.TextColumn(t("col_cert_rate", lang), width=width("rate", lang)),
        "emp": st.column_config.TextColumn(t("col_emp_rate", lang), width=width("rate", lang)),
        "needed_to_be_on_pace": st.column_config.NumberColumn(
            t("col_needed", lang), format="localized", help=t("help_needed", lang)
        ),
        "projected_completion": st.column_config.DateColumn(
            t("col_projected", lang), format="YYYY-MM-DD", help=t("help_projected", lang)
        ),
    }
    return headed(frame, config)


def places_table(
    frame: pl.DataFrame, place: str, lang: Lang, thresholds: tuple[float, float]
) -> Table:
    """targets.places.region_progress() frame, worst first, `place` as the first column."""
    n = frame.height
    out = frame.select(
        pl.col(place).fill_null(t("unfilled", lang)).alias("place"),
        status_cells(frame.get_column("status").to_list(), lang),
        "target",
        "actual",
        "needed_to_be_on_pace",  # what a town must still do: beside its figures, never cut off
        percent("completion"),
        percent("time_progress"),
        pl.Series(
            "cert", rate_cells(frame.get_column("certificate_rate").to_list(), [thresholds[0]] * n)
        ),
        pl.Series(
            "emp", rate_cells(frame.get_column("employment_rate").to_list(), [thresholds[1]] * n)
        ),
        "trained",
    )
    config = {
        "place": st.column_config.TextColumn(
            t(f"col_{place}", lang), pinned=True, width=width("place", lang)
        ),
        "status_label": status_config(lang),
        "target": st.column_config.NumberColumn(
            t("col_target", lang), format="localized", width=width("target", lang)
        ),
        "actual": st.column_config.NumberColumn(
            t("col_actual", lang), format="localized", width=width("actual", lang)
        ),
        "needed_to_be_on_pace": st.column_config.NumberColumn(
            t("col_needed", lang),
            format="localized",
            help=t("help_needed", lang),
            width=width("needed", lang),
        ),
        "completion": _share(t("col_completion", lang)),
        "time_progress": _share(t("col_time_progress", lang), TIME_PROGRESS_COLOUR),
        "cert": st.column_config.TextColumn(t("col_cert_rate", lang), width=width("rate", lang)),
        "emp": st.column_config.TextColumn(t("col_emp_rate", lang), width=width("rate", lang)),
        "trained": st.column_config.NumberColumn(t("col_trained", lang), format="localized"),
    }
    if frame.get_column("target").drop_nulls().is_empty():  # no allocation: nothing to judge
        hidden = ("status_label", "target", "completion", "time_progress", "needed_to_be_on_pace")
        out = out.drop(hidden)
        config = {k: v for k, v in config.items() if k not in hidden}
    return headed(out, config)


_VERDICTS = ("eligible_yes", "eligible_no", "reference_below", "reference_ok")


def _verdict(eligible: bool | None, below: bool) -> str:
    """保留 / 取消 under a document's rule; else where the rates stand to the reference lines."""
    if eligible is not None:
        return "eligible_yes" if eligible else "eligible_no"
    return "reference_below" if below else "reference_ok"


def institutions_table(
    frame: pl.DataFrame, lang: Lang, thresholds: tuple[float, float], first: int | None = None
) -> Table:
    """targets.queries.institutions() frame: failing first, then closest to the line.

    first: number the rows from it, as the quadrant chart numbers its markers.
    """
    n = frame.height
    eligible = frame.get_column("eligible_next_year").to_list()
    below = frame.get_column("below").to_list()
    numbers = [str(first + i) for i in range(n)] if first is not None else [""] * n
    out = frame.select(
        pl.Series("no", numbers, dtype=pl.String),
        "institution",
        pl.Series(
            "eligible",
            [[t(_verdict(e, b), lang)] for e, b in zip(eligible, below, strict=True)],
            dtype=pl.List(pl.String),
        ),
        "trained",
        pl.Series(
            "cert", rate_cells(frame.get_column("certificate_rate").to_list(), [thresholds[0]] * n)
        ),
        pl.Series(
            "emp", rate_cells(frame.get_column("employment_rate").to_list(), [thresholds[1]] * n)
        ),
        pl.Series("margin", [fmt.points(m, lang) for m in frame.get_column("margin").to_list()]),
    )
    config = {
        "no": st.column_config.TextColumn(t("col_no", lang), width=48, help=t("help_no", lang)),
        "institution": st.column_config.TextColumn(t("col_institution", lang), pinned=True),
        "eligible": st.column_config.MultiselectColumn(
            t("col_eligible", lang),
            options=[t(k, lang) for k in _VERDICTS],
            color=[STATUS_COLOURS[c] for c in ("completed", "behind", "lagging", "on_track")],
            disabled=True,
        ),
        "trained": st.column_config.NumberColumn(t("col_trained", lang), format="localized"),
        "cert": st.column_config.TextColumn(t("col_cert_rate", lang)),
        "emp": st.column_config.TextColumn(t("col_emp_rate", lang)),
        "margin": st.column_config.TextColumn(t("col_margin", lang), help=t("help_margin", lang)),
    }
    if "flagged_share" in frame.columns:  # the subsidy audit's, where the warehouse has one
        out = out.with_columns((frame.get_column("flagged_share") * 100).alias("flagged"))
        config["flagged"] = st.column_config.NumberColumn(
            t("col_flagged_share", lang), format="%.1f%%", help=t("help_flagged_share", lang)
        )
    if first is None:
        out, config = out.drop("no"), {k: v for k, v in config.items() if k != "no"}
    return headed(out, config)


def years_table(frame: pl.DataFrame, labels: Mapping[str, str], lang: Lang) -> Table:
    """targets.progress.yearly_progress() frame: one row per quota and year."""
    out = frame.select(
        pl.col("programme_id")
        .replace_strict(labels, default=pl.col("programme_id"))
        .alias("label"),
        pl.col("year").cast(pl.String),
        status_cells(frame.get_column("status").to_list(), lang),
        "target",
        "actual",
        percent("completion"),
        percent("time_progress"),
    )
    config = {
        "label": st.column_config.TextColumn(t("col_programme", lang)),
        "year": st.column_config.TextColumn(t("col_year", lang), width="small"),
        "status_label": status_config(lang),
        "target": st.column_config.NumberColumn(t("col_target", lang), format="localized"),
        "actual": st.column_config.NumberColumn(t("col_actual", lang), format="localized"),
        "completion": _share(t("col_completion", lang)),
        "time_progress": _share(t("col_time_progress", lang), TIME_PROGRESS_COLOUR),
    }
    return headed(out, config)
