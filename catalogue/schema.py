"""One quota table of a catalogue TOML → a validated Quota (checks that need no other quota)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, cast

from catalogue.exceptions import (
    CatalogueError,
    InconsistentTarget,
    InvalidField,
    InvalidPeriod,
    InvalidThreshold,
)
from catalogue.model import (
    MEASURES,
    ROLLUPS,
    UNITS,
    Measure,
    Quota,
    RecordFilter,
    Region,
    Rollup,
    Source,
    Unit,
)

# Every key a quota table may hold, with what it means (shown when a key is unknown).
QUOTA_KEYS: dict[str, str] = {
    "id": "lowercase ascii slug; a child's id is its parent's id + '/' + slug",
    "parent": "optional; must equal the id up to its last '/'",
    "name": "Chinese name as the document writes it",
    "name_en": "English name",
    "aliases": "every wording the document uses for it (list of strings)",
    "target": "whole-period count (integer); omit when the document sets none",
    "target_rate": "a target stated as a ratio (0.1 = 10%), instead of target",
    "unit": f"one of {', '.join(UNITS)}",
    "measure": f"one of {', '.join(MEASURES)}",
    "filter": "{ employment_place = …, category = …, occupation = … }",
    "period": "{ start = YYYY-MM-DD, end = YYYY-MM-DD }",
    "yearly": "per-year split of the target, { 2024 = 400, 2025 = 600 }",
    "region": "{ province = …, city = …, county = … }",
    "rollup": f"one of {', '.join(ROLLUPS)}",
    "certificate_threshold": "0…1",
    "employment_threshold": "0…1",
    "document": "policy document file name (defaults to [document] file)",
    "clause": "clause reference, e.g. 附件1 二、(一)",
    "quote": "the clause copied verbatim from the document",
    "threshold_clause": "clause of the thresholds when it is not `clause`",
    "threshold_quote": "verbatim quote of that clause",
    "note": "how an ambiguous clause was read",
}
# Keys a file's [defaults] table may set for all its quotas.
DEFAULT_KEYS = ("period", "region", "unit", "measure", "rollup", "document")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")
_FILTER_KEYS = tuple(f.name for f in fields(RecordFilter))


@dataclass
class RawQuota:
    """A quota table as read, with the file that set each key (local.toml may override some)."""

    table: dict[str, Any]
    file: str
    origins: dict[str, str] = field(default_factory=dict)

    def file_of(self, key: str) -> str:
        return self.origins.get(key, self.file)


class _Reader:
    """Typed access to one RawQuota's keys; every failure names file, quota and field."""

    def __init__(self, raw: RawQuota) -> None:
        self.raw = raw
        self.t = raw.table
        self.id = self.t.get("id") if isinstance(self.t.get("id"), str) else None

    def fail(
        self, key: str, message: str, cls: type[CatalogueError] = InvalidField
    ) -> CatalogueError:
        return cls(self.raw.file_of(key), self.id, key, message)

    def get(self, key: str, kind: type | tuple[type, ...], what: str, required: bool) -> Any:
        if key not in self.t:
            if required:
                raise self.fail(key, f"missing; add `{key} = …` ({QUOTA_KEYS[key]})")
            return None
        value = self.t[key]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(key, f"must be {what}, not {value!r}")
        if not isinstance(value, kind):
            raise self.fail(key, f"must be {what}, not {value!r}")
        return value

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.get(key, str, "a string", required)
        if value is not None and not value.strip():
            raise self.fail(key, "is empty; write the text or remove the key")
        return cast(str | None, value)

    def choice(self, key: str, valid: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in valid:
            raise self.fail(key, f"{value!r} is not valid; use one of: {', '.join(valid)}")
        return value

    def table(self, key: str, valid: tuple[str, ...], required: bool) -> dict[str, Any] | None:
        value = self.get(key, dict, "an inline table { … }", required)
        if value is not None:
            unknown = sorted(set(value) - set(valid))
            if unknown:
                raise self.fail(key, f"unknown keys {unknown}; valid keys: {', '.join(valid)}")
        return cast(dict[str, Any] | None, value)

    def rate(self, key: str) -> float | None:
        value = self.get(key, (int, float), "a number", required=False)
        return None if value is None else float(value)


def parse_quota(raw: RawQuota) -> Quota:
    """Validate one quota table on its own and build the Quota."""
    r = _Reader(raw)
    unknown = sorted(set(r.t) - set(QUOTA_KEYS))
    if unknown:
        valid = ", ".join(QUOTA_KEYS)
        raise r.fail(unknown[0], f"unknown key (typo?); valid keys: {valid}")
    qid = cast(str, r.text("id"))
    if not _SLUG.match(qid):
        raise r.fail("id", f"{qid!r} is not a lowercase ascii slug like 'kaili-2024/agri-short'")
    parent = qid.rsplit("/", 1)[0] if "/" in qid else None
    if "parent" in r.t and r.t["parent"] != parent:
        raise r.fail("parent", f"{r.t['parent']!r} disagrees with the id: it must be {parent!r}")

    aliases = r.get("aliases", list, "a list of strings", required=False) or []
    if not all(isinstance(a, str) and a.strip() for a in aliases):
        raise r.fail("aliases", "must be a list of non-empty strings")
    target = r.get("target", int, "a whole number (omit it when not set)", required=False)
    if target is not None and target < 0:
        raise r.fail("target", f"{target} is negative")
    target_rate = r.rate("target_rate")
    if target_rate is not None and target_rate <= 0:
        raise r.fail("target_rate", f"{target_rate} must be above 0 (0.1 means 10%)")
    if target is not None and target_rate is not None:
        raise r.fail("target_rate", "set either target (a count) or target_rate, not both")

    measure = cast(Measure, r.choice("measure", MEASURES))
    flt = r.table("filter", _FILTER_KEYS, required=False)
    if flt is not None and (measure == "manual" or not flt):
        raise r.fail("filter", "needs at least one key, and a measure other than manual")
    period = cast(dict[str, Any], r.table("period", ("start", "end"), required=True))
    start, end = (_date(r, period, k) for k in ("start", "end"))
    if start > end:
        raise r.fail("period", f"starts {start} after it ends {end}; swap them", InvalidPeriod)
    region_t = cast(dict[str, Any], r.table("region", ("province", "city", "county"), True))
    if not all(isinstance(v, str) and v for v in region_t.values()) or "province" not in region_t:
        raise r.fail("region", "needs province (and city, county as they apply), as strings")
    if "county" in region_t and "city" not in region_t:
        raise r.fail("region", "a county needs its city too")

    thresholds = {k: r.rate(k) for k in ("certificate_threshold", "employment_threshold")}
    for key, value in thresholds.items():
        if value is not None and not 0 <= value <= 1:
            msg = f"{value} is outside 0…1; write 90% as 0.9"
            raise r.fail(key, msg, InvalidThreshold)
    yearly = _yearly(r, target, start, end)
    threshold_source = None
    if "threshold_clause" in r.t or "threshold_quote" in r.t:
        tc, tq = r.text("threshold_clause"), r.text("threshold_quote")
        threshold_source = Source(cast(str, r.text("document")), cast(str, tc), cast(str, tq))

    return Quota(
        id=qid,
        parent_id=parent,
        name=cast(str, r.text("name")),
        name_en=cast(str, r.text("name_en")),
        aliases=tuple(aliases),
        target=target,
        unit=cast(Unit, r.choice("unit", UNITS)),
        measure=measure,
        period_start=start,
        period_end=end,
        region=Region(**region_t),
        source=Source(*(cast(str, r.text(k)) for k in ("document", "clause", "quote"))),
        rollup=cast(Rollup, r.choice("rollup", ROLLUPS)) if "rollup" in r.t else "own",
        yearly=yearly,
        certificate_threshold=thresholds["certificate_threshold"],
        employment_threshold=thresholds["employment_threshold"],
        filter=RecordFilter(**flt) if flt else None,
        catalogue_file=raw.file,
        target_rate=target_rate,
        threshold_source=threshold_source,
        note=r.text("note", required=False) or "",
    )


def _date(r: _Reader, period: dict[str, Any], key: str) -> date:
    value = period.get(key)
    if isinstance(value, datetime) or not isinstance(value, date):
        raise r.fail("period", f"{key} must be a TOML date like 2024-01-01 (no quotes, no time)")
    return value


def _yearly(r: _Reader, target: int | None, start: date, end: date) -> dict[int, int]:
    """The per-year split: years inside the period, and summing exactly to the target."""
    table = r.get("yearly", dict, "an inline table { 2024 = 400, 2025 = 600 }", required=False)
    if not table:
        return {}
    split: dict[int, int] = {}
    for year, n in table.items():
        if not re.fullmatch(r"\d{4}", year) or isinstance(n, bool) or not isinstance(n, int):
            raise r.fail("yearly", f"{year} = {n!r}: keys are years, values whole numbers")
        if not start.year <= int(year) <= end.year:
            raise r.fail("yearly", f"{year} is outside the period {start} – {end}", InvalidPeriod)
        split[int(year)] = n
    total = sum(split.values())
    if target != total:
        # Name the key that was changed last: local.toml may override target alone.
        origins = r.raw.origins
        raise r.fail(
            "target" if "target" in origins and "yearly" not in origins else "yearly",
            f"the split sums to {total} but target is {target}: target is the whole period's "
            f"total, so set target = {total} or correct the split",
            InconsistentTarget,
        )
    return dict(sorted(split.items()))
