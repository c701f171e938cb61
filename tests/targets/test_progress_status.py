"""The progress rules on hand-built rows: time progress, status boundaries, what is still needed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import polars as pl
import pytest

from targets.status import STATUSES, assess, time_progress

START, END = date(2024, 1, 1), date(2024, 4, 9)  # 100 days, both ends included
HALF = date(2024, 2, 19)  # day 50: time progress exactly 0.5


def one(
    actual: int | None,
    target: int | None,
    as_of: date,
    *,
    share: float | None = None,
    window: int | None = None,
    start: date = START,
    end: date = END,
) -> dict[str, Any]:
    frame = pl.DataFrame(
        {
            "period_start": [start],
            "period_end": [end],
            "target": [target],
            "actual": [actual],
            "share_completion": [share],
        },
        schema_overrides={"target": pl.Int64, "actual": pl.Int64, "share_completion": pl.Float64},
    )
    if window is not None:
        frame = frame.with_columns(pl.lit(window, dtype=pl.Int64).alias("window_actual"))
    return assess(frame, as_of).row(0, named=True)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (START - timedelta(days=1), 0.0),
        (START, 0.01),  # the first day has elapsed: its records count
        (HALF, 0.5),
        (END, 1.0),
        (END + timedelta(days=30), 1.0),
    ],
)
def test_time_progress_counts_calendar_days_both_ends_included(
    as_of: date, expected: float
) -> None:
    frame = pl.DataFrame({"s": [START], "e": [END]})
    got = frame.select(time_progress(pl.col("s"), pl.col("e"), as_of)).item()
    assert got == pytest.approx(expected)


@pytest.mark.parametrize(
    ("actual", "target", "status"),
    [
        (500, 1000, "on_track"),  # exactly on pace: 0.5 against 0.5
        (401, 1000, "lagging"),  # 9.9 points behind
        (400, 1000, "behind"),  # exactly 10 points (0.5 − 0.4 is 0.0999… in floating point)
        (40, 100, "behind"),
        (41, 100, "lagging"),
        (999, 1000, "on_track"),
        (1000, 1000, "completed"),
        (1200, 1000, "completed"),
    ],
)
def test_status_boundaries_at_half_time(actual: int, target: int, status: str) -> None:
    row = one(actual, target, HALF)
    assert row["status"] == status
    assert row["completion"] == pytest.approx(actual / target)
    assert row["time_progress"] == 0.5


def test_before_the_period_is_not_started_and_after_it_below_target_is_missed() -> None:
    assert one(0, 100, START - timedelta(days=1))["status"] == "not_started"
    assert one(0, 100, START)["status"] == "lagging"  # 1 point behind on day 1
    assert one(99, 100, END)["status"] == "lagging"  # the last day is inside: not missed yet
    assert one(99, 100, END + timedelta(days=1))["status"] == "missed"
    assert one(100, 100, END + timedelta(days=1))["status"] == "completed"


def test_no_target_or_not_measured_has_no_status() -> None:
    no_target = one(50, None, HALF)
    assert (no_target["completion"], no_target["status"]) == (None, None)
    assert no_target["time_progress"] == 0.5
    manual = one(None, 10, HALF)
    assert (manual["completion"], manual["status"], manual["needed_to_be_on_pace"]) == (
        None,
        None,
        None,
    )


def test_a_ratio_target_uses_its_share_completion() -> None:
    met = one(3, None, HALF, share=3.0)
    assert (met["completion"], met["status"]) == (3.0, "completed")
    low = one(1, None, HALF, share=0.45)
    assert low["status"] == "lagging"
    assert one(1, None, HALF, share=0.4)["status"] == "behind"  # rounded: exactly 10 points


def test_persons_needed_to_be_on_pace_round_up_and_never_go_below_zero() -> None:
    assert one(400, 1000, HALF)["needed_to_be_on_pace"] == 100
    assert one(600, 1000, HALF)["needed_to_be_on_pace"] == 0
    # day 33 of 100: 1000 × 0.33 = 330; 7 × 0.33 = 2.31 → 3
    day33 = START + timedelta(days=32)
    assert one(0, 1000, day33)["needed_to_be_on_pace"] == 330
    assert one(0, 7, day33)["needed_to_be_on_pace"] == 3


def test_monthly_rate_needed_spreads_the_rest_over_the_months_left() -> None:
    row = one(400, 1000, HALF)
    assert row["monthly_rate_needed"] == pytest.approx(600 / (50 / (365.25 / 12)))
    assert one(1000, 1000, HALF)["monthly_rate_needed"] == 0.0
    assert one(10, 100, END)["monthly_rate_needed"] is None  # no day left
    before = one(0, 100, START - timedelta(days=10))
    assert before["monthly_rate_needed"] == pytest.approx(100 / (100 / (365.25 / 12)))


def test_projected_completion_extrapolates_the_last_90_days() -> None:
    as_of = date(2024, 4, 1)  # day 92: the window is the full 90 days
    row = one(100, 1000, as_of, window=45, end=date(2025, 12, 31))  # 0.5 a day
    assert row["projected_completion"] == as_of + timedelta(days=1800)
    # only 50 days elapsed: the rate is taken over those 50 days
    row = one(100, 1000, HALF, window=50)
    assert row["projected_completion"] == HALF + timedelta(days=900)
    assert one(100, 1000, HALF, window=0)["projected_completion"] is None
    assert one(1000, 1000, HALF, window=50)["projected_completion"] is None
    assert one(10, 1000, END, window=5)["projected_completion"] is None  # period over


def test_every_status_is_a_contract_value() -> None:
    assert set(STATUSES) == {"completed", "not_started", "missed", "on_track", "lagging", "behind"}
