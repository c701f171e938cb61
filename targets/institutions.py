"""Training institutions by year: rates, and eligibility for next year's subsidised training.

Yuncheng's rule (yuncheng-2018-2022.txt 三、(八)): an institution whose 培训合格率 (read as the
certificate rate) is below 80% or whose employment rate is below 30% in a year loses next
year's subsidised training. So it stays eligible when both rates reach the thresholds, exactly
80% / 30% included. The rates count every record of the institution that ended in the year
(end_date in the calendar year), whatever its programme; records without an institution are left
out. Per institution and programme, each programme is judged against its own thresholds where
the catalogue sets them (贵州技工: 90% / 80%), else the default 80% / 30%.

Rates are exact ratios of integers and thresholds decimal literals, so comparing the two doubles
is exact: 24 / 30 and 0.8 are the same double.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl

from catalogue.loader import Catalogue, load_catalogue
from catalogue.model import DEFAULT_CERTIFICATE_THRESHOLD, DEFAULT_EMPLOYMENT_THRESHOLD
from catalogue.regions import RegionScope
from targets import marts
from targets.progress import COUNT_COLUMNS, rates

NEAR_POINTS = 0.05  # an institution within 5 points of a threshold is "near the line"


def _meets() -> pl.Expr:
    return (pl.col("certificate_rate") >= pl.col("certificate_threshold")) & (
        pl.col("employment_rate") >= pl.col("employment_threshold")
    )


def institution_progress(
    year: int, *, region: RegionScope, db: str | Path | None = None
) -> pl.DataFrame:
    """One row per institution with records ending in `year`: not eligible first, then by name.

    Columns: institution, year, trained, certified, employed, certificate_rate, employment_rate,
    certificate_threshold, employment_threshold, eligible_next_year.
    """
    with marts.warehouse(db) as con:
        counts = marts.institution_years(con, year, region)
    return institution_progress_of(counts, year)


def institution_progress_of(counts: pl.DataFrame, year: int) -> pl.DataFrame:
    """institution_progress() from the institution_years mart's frame."""
    frame = counts.with_columns(
        pl.lit(year, dtype=pl.Int32).alias("year"),
        *rates(),
        pl.lit(DEFAULT_CERTIFICATE_THRESHOLD).alias("certificate_threshold"),
        pl.lit(DEFAULT_EMPLOYMENT_THRESHOLD).alias("employment_threshold"),
    ).with_columns(_meets().fill_null(False).alias("eligible_next_year"))
    return frame.sort("eligible_next_year", "institution").select(
        "institution",
        "year",
        *COUNT_COLUMNS,
        "certificate_rate",
        "employment_rate",
        "certificate_threshold",
        "employment_threshold",
        "eligible_next_year",
    )


def institution_programme_progress(
    year: int,
    *,
    region: RegionScope,
    db: str | Path | None = None,
    catalogue: Catalogue | None = None,
) -> pl.DataFrame:
    """One row per institution and programme with records ending in `year`.

    Columns: institution, programme_id, name, year, trained, certified, employed,
    certificate_rate, employment_rate, certificate_threshold, employment_threshold,
    meets_thresholds; by institution, then programme in catalogue order.
    """
    cat = catalogue or load_catalogue()
    with marts.warehouse(db) as con:
        counts = marts.institution_programmes(con, year, region)
    return institution_programme_progress_of(cat, counts, year)


def institution_programme_progress_of(
    catalogue: Catalogue, counts: pl.DataFrame, year: int
) -> pl.DataFrame:
    """institution_programme_progress() from the institution_programmes mart's frame."""
    quotas = pl.DataFrame(
        [
            {
                "programme_id": q.id,
                "name": q.name,
                "order": i,
                "certificate_threshold": q.effective_certificate_threshold,
                "employment_threshold": q.effective_employment_threshold,
            }
            for i, q in enumerate(catalogue.quotas)
        ],
        schema={
            "programme_id": pl.String,
            "name": pl.String,
            "order": pl.Int64,
            "certificate_threshold": pl.Float64,
            "employment_threshold": pl.Float64,
        },
    )
    frame = (
        counts.join(quotas, on="programme_id", how="left")
        .with_columns(
            pl.lit(year, dtype=pl.Int32).alias("year"),
            *rates(),
            pl.col("certificate_threshold").fill_null(DEFAULT_CERTIFICATE_THRESHOLD),
            pl.col("employment_threshold").fill_null(DEFAULT_EMPLOYMENT_THRESHOLD),
        )
        .with_columns(_meets().fill_null(False).alias("meets_thresholds"))
    )
    return frame.sort("institution", "order", "programme_id", nulls_last=True).select(
        "institution",
        "programme_id",
        "name",
        "year",
        *COUNT_COLUMNS,
        "certificate_rate",
        "employment_rate",
        "certificate_threshold",
        "employment_threshold",
        "meets_thresholds",
    )


def judge_institutions(
    per_programme: pl.DataFrame,
    quota_ids: Sequence[str],
    thresholds: tuple[float, float],
    *,
    whole: bool,
) -> pl.DataFrame:
    """Per institution with records of these quotas in the year, judged on thresholds.

    whole=True judges an institution on all its records of the year, whatever the programme
    (Yuncheng's rule, as targets.institutions does); whole=False on its records of these quotas
    only. Columns: institution, year, trained, certified, employed, certificate_rate,
    employment_rate, eligible_next_year, margin (the smaller distance to a threshold, negative
    below), near (eligible but within NEAR_POINTS of a line). Failing first, then by margin.
    """
    in_scope = per_programme.filter(pl.col("programme_id").is_in(list(quota_ids)))
    if whole:
        names = in_scope.get_column("institution").unique().to_list()
        in_scope = per_programme.filter(pl.col("institution").is_in(names))
    cert, emp = thresholds
    frame = (
        in_scope.group_by("institution", "year")
        .agg(pl.col(c).sum() for c in COUNT_COLUMNS)
        .with_columns(*rates())
    )
    cert_gap = pl.col("certificate_rate") - cert
    emp_gap = pl.col("employment_rate") - emp
    meets = (pl.col("certificate_rate") >= cert) & (pl.col("employment_rate") >= emp)
    frame = frame.with_columns(
        meets.fill_null(False).alias("eligible_next_year"),
        pl.min_horizontal(cert_gap, emp_gap).alias("margin"),
    ).with_columns(
        (pl.col("eligible_next_year") & (pl.col("margin") < NEAR_POINTS)).alias("near"),
    )
    return frame.sort(["eligible_next_year", "margin", "institution"], nulls_last=True)
