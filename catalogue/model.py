"""The catalogue's types: a quota is data, read from catalogue/documents/*.toml and local.toml."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

# People (人次 person-times, 人/名 persons) for trained/certified/employed quotas; 个/期/家 only for
# manual quotas counting things (training bases, classes, enterprises) as the documents write them.
Unit = Literal["人次", "人", "名", "个", "期", "家"]
Measure = Literal["trained", "certified", "employed", "manual"]
Rollup = Literal["own", "sum"]
RegionLevel = Literal["province", "city", "county"]

UNITS: tuple[str, ...] = get_args(Unit)
MEASURES: tuple[str, ...] = get_args(Measure)
ROLLUPS: tuple[str, ...] = get_args(Rollup)
REGION_LEVELS: tuple[str, ...] = get_args(RegionLevel)

# Default thresholds: Yuncheng's institution rule (yuncheng-2018-2022.txt), used where a quota
# sets none.
DEFAULT_CERTIFICATE_THRESHOLD = 0.80
DEFAULT_EMPLOYMENT_THRESHOLD = 0.30


@dataclass(frozen=True)
class Region:
    """Where a quota applies; records of a quota with no county/city/province get these."""

    province: str
    city: str | None = None
    county: str | None = None

    @property
    def level(self) -> RegionLevel:
        if self.county:
            return "county"
        return "city" if self.city else "province"


@dataclass(frozen=True)
class Source:
    """The clause a quota comes from: document file name, clause reference, verbatim quote."""

    document: str
    clause: str
    quote: str


@dataclass(frozen=True)
class RecordFilter:
    """Restricts which counted records a quota measures, e.g. employed in 佛山.

    Each field, when set, is a substring that the record's field must contain.
    """

    employment_place: str | None = None
    category: str | None = None
    occupation: str | None = None


@dataclass(frozen=True)
class Quota:
    """One quota of one policy document."""

    id: str
    parent_id: str | None
    name: str  # Chinese name as the document writes it
    name_en: str
    aliases: tuple[str, ...]  # every wording the document uses; records are matched on these
    target: int | None  # None: not set (Linshu until a deployment sets it)
    unit: Unit
    measure: Measure
    period_start: date
    period_end: date
    region: Region
    source: Source
    rollup: Rollup = "own"  # "sum": the document defines it as the sum of its children
    yearly: dict[int, int] = field(default_factory=dict)  # per-year split of the target
    certificate_threshold: float | None = None  # None: DEFAULT_CERTIFICATE_THRESHOLD applies
    employment_threshold: float | None = None
    filter: RecordFilter | None = None
    catalogue_file: str = ""  # the TOML file it came from, for error messages
    # A target the document states as a ratio rather than a count (target is then None): with a
    # filter, the share of the parent's counted records that must pass it (0.1 = 10% employed in
    # 佛山); on a manual quota, a ratio such as 1.2 (社会培训人次与学制教育人数比 1.2∶1).
    target_rate: float | None = None
    # The clause the thresholds come from when it is not `source` (Yuncheng's institution rule).
    threshold_source: Source | None = None
    note: str = ""  # how an ambiguous clause was read, in plain words

    @property
    def effective_certificate_threshold(self) -> float:
        t = self.certificate_threshold
        return DEFAULT_CERTIFICATE_THRESHOLD if t is None else t

    @property
    def effective_employment_threshold(self) -> float:
        t = self.employment_threshold
        return DEFAULT_EMPLOYMENT_THRESHOLD if t is None else t

    @property
    def matchable(self) -> bool:
        """Whether records are matched to it by programme name.

        Manual quotas have no records, and a filtered quota measures its parent's records.
        """
        return self.measure != "manual" and self.filter is None


_QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉()\[\]{}（）【】〔〕\s]")
_AFFIXES = ("工程", "培训", "计划", "项目")


def normalise_programme_name(raw: str) -> str:
    """Key for matching a programme cell to catalogue aliases (CONTRACT §2, Programme).

    Width-folded (NFKC), quotes/brackets/whitespace removed, and a trailing 工程/培训/计划/项目
    stripped repeatedly. Applied to both sides of the match: the cell and every alias.
    """
    s = _QUOTES.sub("", unicodedata.normalize("NFKC", raw))
    changed = True
    while changed and s:
        changed = False
        for affix in _AFFIXES:
            if s.endswith(affix) and len(s) > len(affix):
                s, changed = s[: -len(affix)], True
    return s
