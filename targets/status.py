"""The progress rules (CONTRACT §3): 序时进度, completion, status, and what is still needed.

Time progress counts calendar days, both ends included: on the period's first day one day has
elapsed, on its last day all of them, so (as_of − start + 1) / (end − start + 1) clipped to 0…1.
The as-of day counts as elapsed because its records count (end_date on or before the as-of date).

Status, in this order:
    not_started   the as-of date is before the period
    completed     completion ≥ 1
    missed        the period is over (as-of after its last day) and completion < 1
    on_track      completion ≥ time progress
    lagging       below time progress by less than 10 points
    behind        below by 10 points or more
A count target is compared exactly, in integers (0.4 against 0.5 is 10 points, although
0.5 − 0.4 is 0.0999… in floating point). A ratio target (a share of the parent's records) is
compared in floating point rounded to 1e-9. No target, or a manual quota: status null.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args

import polars as pl

Status = Literal["completed", "not_started", "missed", "on_track", "lagging", "behind"]
STATUSES: tuple[Status, ...] = get_args(Status)
# The word for each status, in Chinese and English: the same on every surface (the CLI's tables,
# the dashboard, the briefing's tables).
STATUS_WORDS: dict[Status, tuple[str, str]] = {
    "completed": ("已完成", "completed"),
    "on_track": ("正常", "on track"),
    "lagging": ("滞后", "lagging"),
    "behind": ("落后", "behind"),
    "missed": ("未完成", "missed"),
    "not_started": ("未开始", "not started"),
}
# Worst first, for ranking towns and for people reading a list.
SEVERITY: dict[str, int] = {
    "missed": 0,
    "behind": 1,
    "lagging": 2,
    "on_track": 3,
    "completed": 4,
    "not_started": 5,
}
BEHIND_POINTS = 10  # lagging below this many percentage points, behind from it on
DAYS_PER_MONTH = 365.25 / 12
RUN_RATE_DAYS = 90
_DIGITS = 9


def period_days(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Days in [start, end], both included."""
    return (end - start).dt.total_days() + 1


def elapsed_days(start: pl.Expr, end: pl.Expr, as_of: date | pl.Expr) -> pl.Expr:
    """Days of [start, end] on or before as_of: 0 before the period, all of them after it."""
    day = pl.lit(as_of) if isinstance(as_of, date) else as_of
    return ((day - start).dt.total_days() + 1).clip(0, period_days(start, end))


def time_progress(start: pl.Expr, end: pl.Expr, as_of: date) -> pl.Expr:
    """序时进度: the elapsed share of [start, end] at as_of, 0…1."""
    return time_progress_at(start, end, pl.lit(as_of))


def time_progress_at(start: pl.Expr, end: pl.Expr, day: pl.Expr) -> pl.Expr:
    """序时进度 at a date given per row."""
    return elapsed_days(start, end, day) / period_days(start, end)


def status(
    actual: pl.Expr,
    target: pl.Expr,
    share_completion: pl.Expr,
    start: pl.Expr,
    end: pl.Expr,
    as_of: date,
) -> pl.Expr:
    """The contract's status; null without actual or without any target.

    `target` is a count (compared exactly); `share_completion` is the completion of a ratio
    target, used where target is null.
    """
    n, e = period_days(start, end), elapsed_days(start, end, as_of)
    counted = target.is_not_null()
    c = share_completion.round(_DIGITS)
    gap = (time_progress(start, end, as_of) - share_completion).round(_DIGITS)
    completed = pl.when(counted).then(actual >= target).otherwise(c >= 1)
    on_pace = pl.when(counted).then(actual * n >= e * target).otherwise(gap <= 0)
    behind = (
        pl.when(counted)
        .then(100 * (e * target - actual * n) >= BEHIND_POINTS * n * target)
        .otherwise(gap >= BEHIND_POINTS / 100)
    )
    return (
        pl.when(actual.is_null() | (target.is_null() & share_completion.is_null()))
        .then(None)
        .when(pl.lit(as_of) < start)
        .then(pl.lit("not_started"))
        .when(completed)
        .then(pl.lit("completed"))
        .when(pl.lit(as_of) > end)
        .then(pl.lit("missed"))
        .when(on_pace)
        .then(pl.lit("on_track"))
        .when(behind)
        .then(pl.lit("behind"))
        .otherwise(pl.lit("lagging"))
    )


def assess(
    frame: pl.DataFrame, as_of: date, start: str = "period_start", end: str = "period_end"
) -> pl.DataFrame:
    """Add completion, time_progress, status, needed_to_be_on_pace and monthly_rate_needed, and
    projected_completion when the frame has window_actual (counted in the last 90 days).

    Expects target (Int64, null: none), actual (Int64, null: not measured) and optionally
    share_completion (Float64: the completion of a ratio target, where target is null).
    """
    s, e_ = pl.col(start), pl.col(end)
    actual, target = pl.col("actual"), pl.col("target")
    if "share_completion" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Float64).alias("share_completion"))
    share = pl.col("share_completion")
    n, e = period_days(s, e_), elapsed_days(s, e_, as_of)
    remaining = (target - actual).clip(0)
    days_left = n - e
    out = frame.with_columns(
        pl.when(target > 0).then(actual / target).otherwise(share).alias("completion"),
        time_progress(s, e_, as_of).alias("time_progress"),
        status(actual, target, share, s, e_, as_of).alias("status"),
        # ceil(target × elapsed / days) − actual, in integers, never below 0
        ((target * e + n - 1) // n - actual).clip(0).alias("needed_to_be_on_pace"),
        pl.when(remaining == 0)
        .then(0.0)
        .when(days_left > 0)
        .then(remaining / (days_left / DAYS_PER_MONTH))
        .alias("monthly_rate_needed"),
    )
    if "window_actual" in frame.columns:
        window_days = pl.min_horizontal(pl.lit(RUN_RATE_DAYS), e)
        wa = pl.col("window_actual")
        # at window_actual / window_days a day: ceil(remaining × window_days / window_actual)
        days_needed = (remaining * window_days + wa - 1) // wa
        out = out.with_columns(
            pl.when((remaining > 0) & (wa > 0) & (e > 0) & (days_left > 0))
            .then(pl.lit(as_of) + pl.duration(days=days_needed))
            .cast(pl.Date)
            .alias("projected_completion")
        )
    return out.drop("share_completion")
