"""Progress of the quotas at an as-of date, one row per quota (per year and month: timeline.py).

What the CLI and the pages call. Each function opens a short-lived read-only connection to the
warehouse (`db`: a path, else $SKILLTRACK_DB, else data/warehouse.duckdb), runs one mart of
targets/sql/ and applies the rules of targets/status.py. The `*_of` functions are the pure
halves: catalogue + counts in, frame out.

Judgement calls, in one place:
* a manual quota (no record can measure it) has actual, completion and status null;
* a quota without a target shows its actual; completion and status are null;
* a ratio target (target_rate, e.g. ≥10% of the order training's trainees employed in 佛山) is
  measured as share = actual / the parent's counted records, completion = share / target_rate;
  its target is null and the count-based extras (needed, monthly rate, projection) are null;
* rates are certified / trained and employed / trained over the counted records, null when
  none is counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import polars as pl

from catalogue.loader import Catalogue, load_catalogue
from catalogue.model import Quota
from catalogue.region_scope import RegionScope
from catalogue.scope import build_scope
from targets import marts
from targets.status import assess

COUNT_COLUMNS = ("trained", "certified", "employed")


def select(catalogue: Catalogue, programme: str | None) -> list[Quota]:
    """Every quota, or the one named and its descendants (UnknownQuota if there is none)."""
    if programme is None:
        return list(catalogue.quotas)
    q = catalogue.get(programme)
    return [q, *catalogue.descendants(q.id)]


def is_share(q: Quota) -> bool:
    """A measured quota whose target is a share of its parent's records."""
    return q.target_rate is not None and q.measure != "manual"


def quota_frame(catalogue: Catalogue, quotas: Sequence[Quota]) -> pl.DataFrame:
    """The catalogue's facts about each quota, one row each, in catalogue order."""
    rows = [
        {
            "programme_id": q.id,
            "parent_id": q.parent_id,
            "name": q.name,
            "depth": catalogue.depth(q.id),
            "measure": q.measure,
            "unit": q.unit,
            "rollup": q.rollup,
            "target": q.target,
            "target_rate": q.target_rate,
            "share": is_share(q),
            "period_start": q.period_start,
            "period_end": q.period_end,
            "certificate_threshold": q.effective_certificate_threshold,
            "employment_threshold": q.effective_employment_threshold,
        }
        for q in quotas
    ]
    schema = {
        "programme_id": pl.String,
        "parent_id": pl.String,
        "name": pl.String,
        "depth": pl.Int64,
        "measure": pl.String,
        "unit": pl.String,
        "rollup": pl.String,
        "target": pl.Int64,
        "target_rate": pl.Float64,
        "share": pl.Boolean,
        "period_start": pl.Date,
        "period_end": pl.Date,
        "certificate_threshold": pl.Float64,
        "employment_threshold": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema)


def measured(prefix: str = "") -> pl.Expr:
    """The count of the quota's measure: trained, certified or employed; null when manual."""
    m = pl.col("measure")
    return (
        pl.when(m == "trained")
        .then(pl.col(f"{prefix}trained"))
        .when(m == "certified")
        .then(pl.col(f"{prefix}certified"))
        .when(m == "employed")
        .then(pl.col(f"{prefix}employed"))
    )


def parts_by(frame: pl.DataFrame, column: str, values: Sequence[object]) -> list[pl.DataFrame]:
    """The frame's rows of each value of `column`, in their order, without the column (an
    empty frame of the same columns for a value with none): one frame computed for several
    quotas or plans, handed back as each one's own."""
    parts = frame.partition_by(column, maintain_order=True, include_key=False, as_dict=True)
    empty = frame.clear().drop(column)
    return [parts.get((v,), empty) for v in values]


def rates() -> list[pl.Expr]:
    """certificate_rate and employment_rate from the summed counts; null when none counted."""
    t = pl.col("trained")
    return [
        pl.when(t > 0).then(pl.col("certified") / t).alias("certificate_rate"),
        pl.when(t > 0).then(pl.col("employed") / t).alias("employment_rate"),
    ]


def with_counts(frame: pl.DataFrame, counts: pl.DataFrame, on: Sequence[str]) -> pl.DataFrame:
    """Join counts to quota rows; a measured quota without counts counted 0, a manual one null."""
    cols = [c for c in counts.columns if c not in on and c != "quota_id"]
    joined = frame.join(
        counts,
        left_on=["programme_id", *on],
        right_on=["quota_id", *on],
        how="left",
        maintain_order="left",
    )
    manual = pl.col("measure") == "manual"
    return joined.with_columns(
        pl.when(manual).then(None).otherwise(pl.col(c).fill_null(0)).alias(c) for c in cols
    )


def counted_ids(catalogue: Catalogue, quotas: Sequence[Quota]) -> list[Quota]:
    """The quotas whose counts are needed: these and the parents of their ratio targets."""
    out = {q.id: q for q in quotas}
    for q in quotas:
        if is_share(q) and q.parent_id:
            out.setdefault(q.parent_id, catalogue.get(q.parent_id))
    return list(out.values())


def progress(
    as_of: date,
    *,
    db: str | Path | None = None,
    region: RegionScope,
    programme: str | None = None,
    catalogue: Catalogue | None = None,
) -> pl.DataFrame:
    """One row per quota (all, or `programme` and its descendants), in catalogue order, counting
    the records inside `region` (catalogue.region_scope.EVERYWHERE: every record).

    Columns: programme_id, parent_id, name, depth, measure, unit, rollup, target, target_rate,
    period_start, period_end, certificate_threshold, employment_threshold, trained, certified,
    employed, actual, share, completion, time_progress, status, certificate_rate,
    employment_rate, needed_to_be_on_pace, monthly_rate_needed, projected_completion, pending
    (a retention rule's placements not yet kept long enough; null for other quotas).
    """
    cat = catalogue or load_catalogue()
    quotas = select(cat, programme)
    scope = build_scope(cat, counted_ids(cat, quotas))
    retained = [q.id for q in quotas if q.retention_months and q.measure != "manual"]
    with marts.warehouse(db) as con:
        counts = marts.quota_counts(con, scope, as_of, region)
        if retained:
            pending = marts.retention_pending(con, scope.only(retained), as_of, region)
            counts = counts.join(pending, on="quota_id", how="left")
    return progress_of(cat, quotas, counts, as_of)


def progress_of(
    catalogue: Catalogue, quotas: Sequence[Quota], counts: pl.DataFrame, as_of: date
) -> pl.DataFrame:
    """progress() from the quota_counts mart's frame."""
    if "pending" not in counts.columns:
        counts = counts.with_columns(pl.lit(None, dtype=pl.Int64).alias("pending"))
    frame = with_counts(quota_frame(catalogue, quotas), counts, on=())
    retained = [q.id for q in quotas if q.retention_months]
    frame = frame.with_columns(
        pl.when(pl.col("programme_id").is_in(retained)).then(pl.col("pending")).alias("pending")
    )
    parents = counts.select(pl.col("quota_id").alias("parent_id"), pl.col("trained").alias("_base"))
    frame = frame.join(parents, on="parent_id", how="left", maintain_order="left").with_columns(
        measured().alias("actual"), measured("window_").alias("window_actual"), *rates()
    )
    frame = frame.with_columns(
        pl.when(pl.col("share") & (pl.col("_base") > 0))
        .then(pl.col("actual") / pl.col("_base"))
        .alias("share_value"),
    ).with_columns((pl.col("share_value") / pl.col("target_rate")).alias("share_completion"))
    out = assess(frame, as_of)
    return out.select(
        "programme_id",
        "parent_id",
        "name",
        "depth",
        "measure",
        "unit",
        "rollup",
        "target",
        "target_rate",
        "period_start",
        "period_end",
        "certificate_threshold",
        "employment_threshold",
        *COUNT_COLUMNS,
        "actual",
        pl.col("share_value").alias("share"),
        "completion",
        "time_progress",
        "status",
        "certificate_rate",
        "employment_rate",
        "needed_to_be_on_pace",
        "monthly_rate_needed",
        "projected_completion",
        "pending",
    )
