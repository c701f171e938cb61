"""Training institutions by year: rates, and eligibility where a document's rule applies.

Yuncheng's rule (yuncheng-2018-2022.txt 三、(八)): an institution whose 培训合格率 (read as the
certificate rate) is below 80% or whose employment rate is below 30% in a year loses next
year's subsidised training. The consequence is stated by that document alone (targets/rules.py):
so an institution is judged on its records of the year under a document whose rule judges that
year (or a rule its county adopted in catalogue/local.toml), eligible when both rates reach the
rule's thresholds, exactly 80% / 30% included, and `rule_source` names the clause. Elsewhere
`eligible_next_year` and `rule_source` are null, and `below_reference` says whether its rates
fall below the reference lines 80% / 30% (a line on the charts, no consequence).

The rates count every record of the institution that ended in the year (end_date in the calendar
year), whatever its programme; records without an institution are left out. Per institution and
programme, each programme is judged against its own thresholds where the catalogue sets them
(贵州技工: 90% / 80%), else the reference 80% / 30%.

Rates are exact ratios of integers and thresholds decimal literals, so comparing the two doubles
is exact: 24 / 30 and 0.8 are the same double.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from catalogue.loader import Catalogue, load_catalogue
from catalogue.model import DEFAULT_CERTIFICATE_THRESHOLD, DEFAULT_EMPLOYMENT_THRESHOLD
from catalogue.region_scope import RegionScope
from targets import marts
from targets.progress import COUNT_COLUMNS, parts_by, rates

NEAR_POINTS = 0.05  # an institution within 5 points of a threshold is "near the line"


def _meets() -> pl.Expr:
    return (pl.col("certificate_rate") >= pl.col("certificate_threshold")) & (
        pl.col("employment_rate") >= pl.col("employment_threshold")
    )


def institution_progress(
    year: int,
    *,
    region: RegionScope,
    db: str | Path | None = None,
    catalogue: Catalogue | None = None,
) -> pl.DataFrame:
    """One row per institution inside `region` with records ending in `year`: losing
    eligibility first, then by name.

    Columns: institution, year, trained, certified, employed, certificate_rate, employment_rate,
    certificate_threshold, employment_threshold, eligible_next_year (null: no rule applies),
    rule_source, below_reference.
    """
    cat = catalogue or load_catalogue()
    with marts.warehouse(db) as con:
        counts = marts.institution_programmes(con, year, region)
    return institution_progress_of(cat, counts, year)


def rule_frame(catalogue: Catalogue, year: int) -> pl.DataFrame:
    """programme_id → the rule judging its records of `year`: rule_source and its thresholds."""
    rows = []
    for q in catalogue.quotas:
        rule = catalogue.institution_rule(q.id, year)
        if rule is not None:
            rows.append((q.id, rule.source, rule.certificate_threshold, rule.employment_threshold))
    schema = {
        "programme_id": pl.String,
        "rule_source": pl.String,
        "rule_certificate": pl.Float64,
        "rule_employment": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def institution_progress_of(catalogue: Catalogue, counts: pl.DataFrame, year: int) -> pl.DataFrame:
    """institution_progress() from the institution_programmes mart's frame."""
    ruled = counts.join(rule_frame(catalogue, year), on="programme_id", how="inner")
    judged = (
        ruled.group_by("institution", "rule_source")
        .agg(
            *(pl.col(c).sum() for c in COUNT_COLUMNS),
            pl.col("rule_certificate").first().alias("certificate_threshold"),
            pl.col("rule_employment").first().alias("employment_threshold"),
        )
        .with_columns(*rates())
        .with_columns(_meets().fill_null(False).alias("eligible_next_year"))
        # an institution under two rules (two documents) is judged by the stricter verdict
        .sort("eligible_next_year", "rule_source")
        .unique("institution", keep="first", maintain_order=True)
        .select(
            "institution",
            "eligible_next_year",
            "rule_source",
            "certificate_threshold",
            "employment_threshold",
        )
    )
    totals = counts.group_by("institution").agg(pl.col(c).sum() for c in COUNT_COLUMNS)
    reference = (pl.col("certificate_rate") < DEFAULT_CERTIFICATE_THRESHOLD) | (
        pl.col("employment_rate") < DEFAULT_EMPLOYMENT_THRESHOLD
    )
    frame = (
        totals.join(judged, on="institution", how="left")
        .with_columns(
            pl.lit(year, dtype=pl.Int32).alias("year"),
            *rates(),
            pl.col("certificate_threshold").fill_null(DEFAULT_CERTIFICATE_THRESHOLD),
            pl.col("employment_threshold").fill_null(DEFAULT_EMPLOYMENT_THRESHOLD),
        )
        .with_columns(reference.fill_null(False).alias("below_reference"))
    )
    return frame.sort("eligible_next_year", "institution", nulls_last=True).select(
        "institution",
        "year",
        *COUNT_COLUMNS,
        "certificate_rate",
        "employment_rate",
        "certificate_threshold",
        "employment_threshold",
        "eligible_next_year",
        "rule_source",
        "below_reference",
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
    rule_source: str | None = None,
) -> pl.DataFrame:
    """Per institution with records of these quotas in the year, measured against thresholds.

    whole=True measures an institution on all its records of the year, whatever the programme
    (as institution_progress does); whole=False on its records of these quotas only. A
    consequence only where a document's rule judges the year (rule_source,
    catalogue/institution_rules.py): eligible_next_year is null without one. Columns:
    institution, year, trained, certified,
    employed, certificate_rate, employment_rate, below (under a line), eligible_next_year,
    rule_source, margin (the smaller distance to a threshold, negative below), near (meets both
    lines but within NEAR_POINTS of one). Below the lines first, then by margin.
    """
    return judge_institutions_many(
        per_programme, [Judged(tuple(quota_ids), thresholds, rule_source)], whole=whole
    )[0]


@dataclass(frozen=True)
class Judged:
    """One judgement of judge_institutions_many: its quotas, lines and rule (or none)."""

    quota_ids: tuple[str, ...]
    thresholds: tuple[float, float]
    rule_source: str | None = None


def judge_institutions_many(
    per_programme: pl.DataFrame, judged: Sequence[Judged], *, whole: bool
) -> list[pl.DataFrame]:
    """judge_institutions() of several quota sets in one pass over the year's rows (the
    Overview judges every plan's institutions in each run): one frame each, in order."""
    groups = pl.DataFrame(
        [(i, pid) for i, j in enumerate(judged) for pid in j.quota_ids],
        schema={"_g": pl.Int64, "programme_id": pl.String},
        orient="row",
    ).unique()  # a quota named twice counts once, as a filter on the ids did
    lines = pl.DataFrame(
        [(i, *j.thresholds, j.rule_source) for i, j in enumerate(judged)],
        schema={"_g": pl.Int64, "_cert": pl.Float64, "_emp": pl.Float64, "rule_source": pl.String},
        orient="row",
    )
    sums = [pl.col(c).sum() for c in COUNT_COLUMNS]
    in_scope = per_programme.join(groups, on="programme_id", how="inner")
    if whole:  # an institution of the quotas, measured on every record of its year
        pairs = in_scope.select("_g", "institution").unique()
        totals = per_programme.group_by("institution", "year").agg(sums)
        frame = pairs.join(totals, on="institution", how="inner")
    else:
        frame = in_scope.group_by("_g", "institution", "year").agg(sums)
    frame = frame.join(lines, on="_g", how="left").with_columns(*rates())
    cert_gap = pl.col("certificate_rate") - pl.col("_cert")
    emp_gap = pl.col("employment_rate") - pl.col("_emp")
    meets = (pl.col("certificate_rate") >= pl.col("_cert")) & (
        pl.col("employment_rate") >= pl.col("_emp")
    )
    meets = meets.fill_null(False)
    frame = frame.with_columns(
        (~meets).alias("below"),
        pl.when(pl.col("rule_source").is_not_null()).then(meets).alias("eligible_next_year"),
        pl.min_horizontal(cert_gap, emp_gap).alias("margin"),
    ).with_columns(
        (~pl.col("below") & (pl.col("margin") < NEAR_POINTS)).alias("near"),
    )
    ranked = frame.sort(
        ["_g", "below", "margin", "institution"],
        descending=[False, True, False, False],
        nulls_last=True,
    ).select(
        "_g",
        "institution",
        "year",
        *COUNT_COLUMNS,
        "certificate_rate",
        "employment_rate",
        "below",
        "eligible_next_year",
        "rule_source",
        "margin",
        "near",
    )
    return parts_by(ranked, "_g", range(len(judged)))
