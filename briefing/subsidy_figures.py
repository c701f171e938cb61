"""The 通报's subsidy figures (briefing/subsidy_section.py gathers and words them); kept in
snapshots with the rest of a briefing's figures."""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.rules import FlagCode


@dataclass(frozen=True)
class SubsidyRow:
    institution: str | None
    records: int
    flagged: int
    ineligible: int
    amount: float
    payable: float
    withheld: float


@dataclass(frozen=True)
class FlagCount:
    flag: FlagCode
    flagged: int
    excluded: int


@dataclass(frozen=True)
class SubsidyFigures:
    """The region's subsidy at the as-of date: totals, flags, institutions most money first."""

    records: int
    flagged: int
    ineligible: int
    amount: float
    payable: float
    withheld: float
    flags: tuple[FlagCount, ...]  # in FLAGS order
    rows: tuple[SubsidyRow, ...]
    priced: bool = (
        True  # a rule of the region's documents sets an amount (Zhejiang's, Linshu's do not)
    )
