"""The dashboard's own rules, on tiny frames: what needs attention, who is near the line."""

from __future__ import annotations

from datetime import date

import polars as pl

from catalogue.loader import load_catalogue
from dashboard.serve import warm
from targets.attention import (
    LAST_PROJECTION,
    enrich,
    overview_rows,
    programmes_needing_attention,
)
from targets.institutions import judge_institutions
from targets.plans import Plan, plans

RUNNING = Plan(
    "a-2024-2025", "甲县", ("a", "a/x", "a/y"), "a", date(2024, 1, 1), date(2025, 12, 31)
)


def progress(statuses: list[str | None]) -> pl.DataFrame:
    ids = ["a", "a/x", "a/y"][: len(statuses)]
    return pl.DataFrame(
        {
            "programme_id": ids,
            "parent_id": [None, "a", "a"][: len(ids)],
            "measure": ["trained"] * len(ids),
            "status": statuses,
            "completion": [0.5, 0.2, 0.8][: len(ids)],
            "time_progress": [0.9] * len(ids),
        }
    )


def test_missed_programmes_need_attention_only_when_nothing_is_running() -> None:
    frame = progress(["missed", "behind", "lagging"])
    ids = ["a", "a/x", "a/y"]
    running = programmes_needing_attention(frame, ids, [RUNNING], date(2025, 6, 1))
    assert running.get_column("programme_id").to_list() == ["a/x", "a/y"]
    over = programmes_needing_attention(frame, ids, [RUNNING], date(2026, 6, 1))
    assert over.get_column("programme_id").to_list() == ["a", "a/x", "a/y"]


def test_a_projection_beyond_the_century_is_dropped() -> None:
    cat = load_catalogue()
    frame = pl.DataFrame(
        {
            "programme_id": ["kaili-2024", "kaili-2024/qiancai-chef"],
            "projected_completion": [date(2026, 1, 1), date(9999, 1, 1)],
        }
    )
    out = enrich(frame, cat, plans(cat))
    assert out.get_column("projected_completion").to_list() == [date(2026, 1, 1), None]
    assert out.get_column("plan").to_list() == ["kaili-2024-2025"] * 2
    assert LAST_PROJECTION.year == 2100


def test_overview_rows_are_the_plan_total_and_its_children() -> None:
    cat = load_catalogue()
    kaili = next(p for p in plans(cat) if p.key == "kaili-2024-2025")
    frame = pl.DataFrame(
        {
            "programme_id": ["kaili-2024", "kaili-2024/qiancai-chef", "kaili-2024/x/manual"],
            "parent_id": [None, "kaili-2024", "kaili-2024"],
            "measure": ["trained", "trained", "manual"],
        }
    )
    frame = frame.with_columns(
        *(
            pl.lit(None).alias(c)
            for c in (
                "plan",
                "name",
                "name_en",
                "unit",
                "target",
                "actual",
                "completion",
                "time_progress",
                "status",
                "certificate_rate",
                "certificate_threshold",
                "employment_rate",
                "employment_threshold",
                "projected_completion",
                "needed_to_be_on_pace",
            )
        )
    )
    rows = overview_rows(frame, [kaili], None)
    assert rows.select("programme_id", "level").rows() == [
        ("kaili-2024", 0),
        ("kaili-2024/qiancai-chef", 1),
    ]


def test_institutions_judged_exactly_at_the_line_and_near_within_five_points() -> None:
    per_programme = pl.DataFrame(
        {
            "institution": ["甲", "乙", "丙", "丙"],
            "programme_id": ["a/x", "a/x", "a/x", "b"],
            "year": [2025] * 4,
            "trained": [10, 30, 10, 10],
            "certified": [8, 24, 9, 9],
            "employed": [3, 9, 5, 1],
        }
    )
    own = judge_institutions(per_programme, ["a/x"], (0.8, 0.3), whole=False)
    by_name = {r["institution"]: r for r in own.iter_rows(named=True)}
    assert by_name["甲"]["eligible_next_year"] and by_name["甲"]["near"]  # 80% / 30% exactly
    assert by_name["乙"]["eligible_next_year"]
    assert not by_name["丙"]["near"] and by_name["丙"]["eligible_next_year"]  # 90% / 50%
    whole = judge_institutions(per_programme, ["a/x"], (0.8, 0.3), whole=True)
    c = whole.filter(pl.col("institution") == "丙").row(0, named=True)
    assert (c["trained"], c["employed"]) == (20, 6) and c["eligible_next_year"]  # 30% exactly


def test_the_server_warm_up_builds_every_chart() -> None:
    warm()  # raises if a chart builder's inputs changed and the warm-up was not kept in step
