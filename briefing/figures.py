"""The briefing's figures: gathered once (briefing.gather), then written by every writer and saved
as the meeting's snapshot (briefing.snapshots). Plain frozen dataclasses that survive a JSON
round trip (`to_json` / `from_json`), so a saved snapshot re-opens as the same `Briefing`.

Shares are 0…1 as the engine gives them (completion, time_progress, rates); counts are integers;
a null is "nothing to show" (no target, nothing counted).
"""

from __future__ import annotations

import dataclasses
import types
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from briefing.subsidy_figures import SubsidyFigures

SCHEMA_VERSION = 1
LAGGING = ("behind", "lagging")  # "behind 序时进度": the dashboard's attention rule
SHORT = ("missed", *LAGGING)  # below 序时进度: lagging while the period runs, missed after it


@dataclass(frozen=True)
class Row:
    """One quota's progress, as the dashboard's programme tables show it."""

    programme_id: str
    parent_id: str | None
    level: int  # 0: the plan's total (or the chosen programme), 1: its parts, 2: theirs …
    name: str
    unit: str
    measure: str
    target: int | None
    actual: int | None
    completion: float | None
    time_progress: float | None
    status: str | None
    trained: int | None
    certified: int | None
    employed: int | None
    certificate_rate: float | None
    employment_rate: float | None
    certificate_threshold: float
    employment_threshold: float
    needed_to_be_on_pace: int | None
    projected_completion: date | None


@dataclass(frozen=True)
class Month:
    """One month of a quota's trajectory: cumulative actual beside the straight-line target."""

    month: date  # its first day
    day: date  # what the point is counted to: the month's last day in the period, or the as-of
    cumulative: int | None  # null after the as-of date
    target_trajectory: float | None


@dataclass(frozen=True)
class Place:
    """One town (county, city) of a quota, as targets.places.region_progress() ranks it."""

    name: str | None  # null: records that leave the place blank
    target: int | None
    actual: int
    completion: float | None
    time_progress: float | None
    status: str | None
    trained: int
    certified: int
    employed: int
    certificate_rate: float | None
    employment_rate: float | None
    needed_to_be_on_pace: int | None


@dataclass(frozen=True)
class Places:
    """A quota's places at one level, worst first (the dashboard's 镇街 page)."""

    programme_id: str
    name: str
    level: str  # town, county or city
    allocated: bool  # targets from the quota's allocation (任务分解); else ranked by rates
    certificate_threshold: float
    employment_threshold: float
    rows: tuple[Place, ...]

    @property
    def named(self) -> tuple[Place, ...]:
        return tuple(p for p in self.rows if p.name is not None)

    @property
    def lagging(self) -> tuple[Place, ...]:
        """Places behind or lagging 序时进度, worst first."""
        return tuple(p for p in self.named if p.status in LAGGING)

    @property
    def short(self) -> tuple[Place, ...]:
        """Places below 序时进度 at the as-of date, worst first: behind or lagging while the
        period runs, missed once it is over (the table's ✖ 未完成 rows)."""
        return tuple(p for p in self.named if p.status in SHORT)

    @property
    def over(self) -> bool:
        """Whether the period is over for these places (a missed or completed place at 序时进度
        100%, and none still running)."""
        running = ("on_track", "not_started", *LAGGING)
        return any(p.status == "missed" for p in self.named) and not any(
            p.status in running for p in self.named
        )

    def ranked(self, n: int = 3) -> int:
        """How many places 前n名 and 后n名 each show: n, fewer when they would overlap."""
        return min(n, len(self.named) // 2)

    def bottom(self, n: int = 3) -> tuple[Place, ...]:
        """后 n 名: the worst, worst first."""
        return self.named[: self.ranked(n)]

    def top(self, n: int = 3) -> tuple[Place, ...]:
        """前 n 名: the best, best first."""
        k = self.ranked(n)
        return tuple(reversed(self.named[len(self.named) - k :])) if k else ()


@dataclass(frozen=True)
class Institution:
    name: str
    trained: int
    certified: int
    employed: int
    certificate_rate: float | None
    employment_rate: float | None
    eligible: bool | None  # keeps its subsidised training next year; None: no rule applies
    margin: float | None  # the smaller distance of the two rates to their lines; < 0: below
    near: bool  # eligible, but within 5 points of a line
    below: bool = False  # below a line (without a rule: only below the reference lines)


@dataclass(frozen=True)
class Institutions:
    """Institutions judged on their records of one year (the dashboard's 培训机构 page)."""

    year: int
    certificate_threshold: float
    employment_threshold: float
    whole: bool  # judged on all their records of the year (Yuncheng's rule), else the programme's
    rows: tuple[Institution, ...]  # failing first, then by margin

    @property
    def below_reference(self) -> tuple[Institution, ...]:
        """Below a line where no document's rule takes eligibility away."""
        return tuple(i for i in self.rows if i.eligible is None and i.below)

    @property
    def failing(self) -> tuple[Institution, ...]:
        return tuple(i for i in self.rows if i.eligible is False)

    @property
    def near(self) -> tuple[Institution, ...]:
        return tuple(i for i in self.rows if i.near)


@dataclass(frozen=True)
class Freshness:
    """How fresh a region's data is (the dashboard's 数据 page)."""

    latest_record: date | None
    records: int
    batches: int
    latest_load: datetime | None
    latest_file: str | None


@dataclass(frozen=True)
class Section:
    """One programme of the briefing: its rows (it and its measured parts) and trajectory."""

    head: Row
    rows: tuple[Row, ...]
    months: tuple[Month, ...]
    places: Places | None  # only where the programme is allocated to towns


@dataclass(frozen=True)
class PlanFigures:
    """Everything the briefing says about one region's plan."""

    key: str  # the catalogue file's stem, e.g. kaili-2024-2025
    place: str  # 凯里市
    level: str  # the region's level: county, city or province
    period_start: date
    period_end: date
    head: Row
    rows: tuple[Row, ...]  # the overview table: the head and its direct parts
    sections: tuple[Section, ...]
    places: Places | None
    institutions: Institutions
    freshness: Freshness
    manual: int  # manual quotas (bases, studios …) the records cannot measure: not listed
    subsidy: SubsidyFigures | None = None  # the subsidy audit's (None: no audit in the warehouse)


@dataclass(frozen=True)
class Briefing:
    """One meeting's figures for the chosen region, programme and as-of date."""

    as_of: date
    region: str | None  # a plan key; None: every region
    programme: str | None  # a quota id; None: every programme of the region(s)
    office: str  # the issuing office, e.g. 凯里市人力资源和社会保障局
    generated_at: datetime
    plans: tuple[PlanFigures, ...]
    version: int = SCHEMA_VERSION


# --- JSON ------------------------------------------------------------------------------------

T = TypeVar("T")


def to_json(obj: Any) -> Any:
    """A dataclass tree as JSON-ready values; dates as ISO strings."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple | list):
        return [to_json(v) for v in obj]
    if isinstance(obj, date):  # datetime too
        return obj.isoformat()
    return obj


def from_json(cls: type[T], data: Any) -> T:
    """The dataclass `cls` from to_json()'s output; TypeError/ValueError when it does not fit."""
    return _decode(cls, data)  # type: ignore[no-any-return]


def _decode(tp: Any, value: Any) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return None if value is None else _decode(args[0], value)
    if origin is tuple:
        return tuple(_decode(get_args(tp)[0], v) for v in value)
    if dataclasses.is_dataclass(tp):
        hints = get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        make: Any = tp
        return make(**{k: _decode(hints[k], v) for k, v in value.items() if k in names})
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if tp is float:
        return float(value)
    if tp in (int, str, bool) and not isinstance(value, tp):
        raise TypeError(f"expected {tp.__name__}, got {value!r}")
    return value
