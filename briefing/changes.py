"""What moved since the last meeting: a briefing compared with the previous snapshot.

Per region: 新增人次 (the head's actual now minus then), completion points gained, the same per
programme of the overview, the places that joined or left the list behind 序时进度, and the
institutions that joined or left the failing list (of the same year). A figure missing on either
side is null.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from briefing.figures import Briefing, PlanFigures, Row
from briefing.subsidy_figures import SubsidyFigures


@dataclass(frozen=True)
class RowChange:
    programme_id: str
    name: str
    unit: str
    actual: int | None  # 新增: now minus then
    completion: float | None  # completion now minus then (0…1 shares: ×100 is points)
    status_before: str | None
    status_now: str | None


@dataclass(frozen=True)
class PlanChanges:
    key: str
    place: str
    head: RowChange
    rows: tuple[RowChange, ...]  # the overview's parts, in its order
    places_level: str | None  # town, county, city; None when either side has no places
    lagging_before: int  # places below 序时进度 (behind, lagging, or missed once it is over)
    lagging_now: int
    joined: tuple[str, ...]  # places now behind 序时进度 that were not before
    left: tuple[str, ...]  # places behind before that are not any more
    failing_joined: tuple[str, ...]
    failing_left: tuple[str, ...]
    places_word: str = "落后于序时进度"  # 未完成目标任务 once the period is over
    subsidy_before: SubsidyFigures | None = None  # the last meeting's, for the flags found since


@dataclass(frozen=True)
class Changes:
    previous_as_of: date
    previous_generated_at: datetime
    plans: tuple[PlanChanges, ...]

    def of(self, key: str) -> PlanChanges | None:
        return next((p for p in self.plans if p.key == key), None)


def _delta(now: float | None, then: float | None) -> float | None:
    return None if now is None or then is None else now - then


def row_change(now: Row, then: Row | None) -> RowChange:
    actual = None if then is None else _delta(now.actual, then.actual)
    return RowChange(
        programme_id=now.programme_id,
        name=now.name,
        unit=now.unit,
        actual=None if actual is None else int(actual),
        completion=None if then is None else _delta(now.completion, then.completion),
        status_before=None if then is None else then.status,
        status_now=now.status,
    )


def _names(items: tuple[str | None, ...]) -> list[str]:
    return [n for n in items if n is not None]


def plan_changes(now: PlanFigures, then: PlanFigures) -> PlanChanges:
    before = {r.programme_id: r for r in then.rows}
    same_places = (
        now.places is not None
        and then.places is not None
        and (now.places.programme_id, now.places.level)
        == (then.places.programme_id, then.places.level)
    )
    lag_now = _names(tuple(p.name for p in now.places.short)) if now.places else []
    lag_then = _names(tuple(p.name for p in then.places.short)) if then.places else []
    over = now.places is not None and now.places.over
    same_year = now.institutions.year == then.institutions.year  # else not comparable
    fail_now = [i.name for i in now.institutions.failing] if same_year else []
    fail_then = [i.name for i in then.institutions.failing] if same_year else []
    return PlanChanges(
        key=now.key,
        place=now.place,
        head=row_change(now.head, before.get(now.head.programme_id)),
        rows=tuple(row_change(r, before.get(r.programme_id)) for r in now.rows[1:]),
        places_level=now.places.level if same_places and now.places else None,
        lagging_before=len(lag_then),
        lagging_now=len(lag_now),
        joined=tuple(n for n in lag_now if n not in lag_then) if same_places else (),
        left=tuple(n for n in lag_then if n not in lag_now) if same_places else (),
        failing_joined=tuple(n for n in fail_now if n not in fail_then),
        failing_left=tuple(n for n in fail_then if n not in fail_now),
        places_word="未完成目标任务" if over else "落后于序时进度",
        subsidy_before=then.subsidy,
    )


def compare(now: Briefing, then: Briefing) -> Changes:
    """The changes from `then` (an earlier snapshot of the same filters) to `now`."""
    earlier = {p.key: p for p in then.plans}
    return Changes(
        previous_as_of=then.as_of,
        previous_generated_at=then.generated_at,
        plans=tuple(plan_changes(p, earlier[p.key]) for p in now.plans if p.key in earlier),
    )
