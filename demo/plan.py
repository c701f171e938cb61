"""Which programmes the synthetic ledgers hold, with how many rows each and over which dates.

Programmes come from the catalogue: every quota that records are matched to (measure not
"manual", no filter) and that has a target of its own to fill (see own_targets): the leaves, a
parent's share its children leave (rollup "own"), children the document gives no number (a share
of their parent's), and Linshu's quotas (handed down by the city, empty by default:
LINSHU_REALISTIC stands in). A quota's filtered children (e.g. employed in 佛山) steer its rows.

A programme's realistic row count is its own target × a completion factor (÷ the expected
certificate or employment rate when it counts certified or employed people). The factors differ
per programme, so the dashboard shows some ahead, some lagging and some behind; ended plans land
between 85% and 110%.

With a row budget below the realistic total, the regions whose realistic total is small (Kaili,
Dongning, Linshu) are kept whole and only the big ones (Zhejiang, Yuncheng) are scaled down; their
completion then reads proportionally lower, which `BudgetPlan.note` says. A budget too small even
for that scales every programme alike, keeping a few rows each.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

import numpy as np

from catalogue.model import Quota, normalise_programme_name
from demo.flavour import flavour, register
from demo.places import FOSHAN, REGION_KEYS, RegionKey
from demo.profiles import Profile, base_rates, profile_for

KAILI_CUTOFF = date(2025, 9, 30)  # Kaili's ledger is exported mid-plan
LINSHU_REALISTIC = 18_000  # three years of subsidised training in a county of ~660,000 people
UNTARGETED_SHARE = 0.15  # of its parent's own part, for a programme the document gives no number
SMALL_REGION = 100_000  # a region with fewer realistic rows is kept whole under a budget
MIN_ROWS = 5  # per programme, when even small regions must be scaled
# Completion at the data's end: Kaili's plan is open (time progress ≈ 87% at 2025-09-30).
OPEN_FACTORS = (1.06, 0.93, 0.80, 0.62, 0.90, 1.12, 0.71, 0.88, 0.97, 0.84)
ENDED_FACTORS = (1.04, 0.92, 1.10, 0.87, 0.98, 1.06, 0.85, 1.01, 0.95, 0.89)
# Training is thin around the Spring Festival and in midsummer.
MONTH_WEIGHTS = (0.4, 0.3, 1.1, 1.2, 1.2, 1.1, 0.9, 0.9, 1.1, 1.0, 1.2, 0.8)


class CatalogueLike(Protocol):
    """What the generator needs of catalogue.loader.Catalogue."""

    @property
    def quotas(self) -> tuple[Quota, ...]: ...

    def children(self, quota_id: str) -> Sequence[Quota]: ...

    def match_programme(
        self, raw: str, county: str | None = None, city: str | None = None
    ) -> str | None: ...


@dataclass(frozen=True)
class Programme:
    """One programme of the ledgers and the rows it gets."""

    quota: Quota
    region: RegionKey
    profile: Profile
    wordings: tuple[str, ...]  # cells written in the programme column
    wording_weights: tuple[float, ...]
    certified: float  # base certificate rate
    employed: float  # base employment rate
    factor: float  # completion at the data's end
    first: date  # first possible start date
    last: date  # last possible end date (the data's end)
    day_weights: np.ndarray  # relative number of classes starting on each day first…last
    realistic: int  # rows for a realistic ledger
    rows: int = 0  # rows under the budget
    employment_place: str | None = None  # from the quota's filter: where most of its people work
    category: str | None = None  # from a filter: every row's 人员类别
    occupation: str | None = None  # from a filter: the classes' 工种


@dataclass(frozen=True)
class BudgetPlan:
    programmes: tuple[Programme, ...]
    realistic_total: int
    scale: dict[RegionKey, float]  # rows / realistic rows per region
    note: str


def region_of(quota: Quota) -> RegionKey:
    """The demo region of a quota: its id's prefix. A key the demo has no tables for gets its
    flavour from catalogue/demo/<key>.toml or a generic one (demo.flavour)."""
    key = quota.id.split("-", 1)[0]
    if key not in REGION_KEYS:
        register(key, quota.region)
    return key


def region_order(key: RegionKey) -> tuple[int, str]:
    """The five regions in their order, then any other in the order of its key."""
    return (REGION_KEYS.index(key), "") if key in REGION_KEYS else (len(REGION_KEYS), key)


def written_place(key: RegionKey) -> tuple[str | None, str | None]:
    """(county, city) as the region's ledgers write them."""
    return flavour(key).written  # catalogue/demo/<key>.toml, or from the quota's region


def wordings(
    quota: Quota, catalogue: CatalogueLike, county: str | None, city: str | None
) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """How clerks write the programme: its aliases in simplified script, also without the quotes
    or with 培训 added; only wordings that the catalogue matches back to this quota."""
    aliases = [a for a in quota.aliases if _simplified(a)] or list(quota.aliases) or [quota.name]
    out: dict[str, float] = {}
    for rank, alias in enumerate(aliases):
        weight = 1.0 / (1 + rank)
        variants = [(alias, 4.0)]
        inner = _QUOTED.findall(alias)
        if inner:  # “贵州技工”工程 → 贵州技工工程, 贵州技工, 贵州技工培训
            variants += [
                (_QUOTED.sub(r"\1", alias), 1.0),
                (inner[0], 2.0),
                (f"{inner[0]}培训", 1.0),
            ]
        elif normalise_programme_name(alias) == alias:  # 数字安防 → 数字安防培训
            variants += [(f"{alias}培训", 2.0)]
        for variant, share in variants:
            if catalogue.match_programme(variant, county, city) == quota.id:
                out[variant] = out.get(variant, 0.0) + weight * share
    if not out:
        raise ValueError(f"no alias of {quota.id} matches back to it: {quota.aliases}")
    return tuple(out), tuple(out.values())


_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


def _simplified(text: str) -> bool:
    """True when the text is writable in GB2312: what a mainland clerk types."""
    try:
        unicodedata.normalize("NFKC", text).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def day_weights(quota: Quota, first: date, last: date) -> np.ndarray:
    """Relative weight of each day first…last: month seasonality × the quota's per-year split."""
    days = (last - first).days + 1
    dates = np.arange(np.datetime64(first), np.datetime64(first) + days)
    months = dates.astype("datetime64[M]").astype(np.int64) % 12
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    weights = np.asarray(MONTH_WEIGHTS)[months]
    if quota.yearly:
        for year in np.unique(years):
            in_year = years == year
            in_period = _days_in_period(quota, int(year))
            share = quota.yearly.get(int(year), 0) / max(in_period, 1)
            weights[in_year] *= share
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def _days_in_period(quota: Quota, year: int) -> int:
    lo = max(quota.period_start, date(year, 1, 1))
    hi = min(quota.period_end, date(year, 12, 31))
    return max((hi - lo).days + 1, 0)


def own_targets(catalogue: CatalogueLike) -> dict[str, float]:
    """Quota id → the part of its target its own records make up.

    A leaf's own part is its whole target. A parent with rollup "own" counts its records plus its
    descendants' (CONTRACT §3), so its own part is what its children leave; each child without a
    target (黑木耳, 母婴护理师) takes UNTARGETED_SHARE of that rest. Linshu's empty quota stands
    in as LINSHU_REALISTIC.
    """
    out: dict[str, float] = {}

    def effective(q: Quota) -> float | None:
        if q.target is not None:
            return float(q.target)
        parts = [effective(c) for c in catalogue.children(q.id) if c.matchable]
        known = [x for x in parts if x is not None]
        return sum(known) if known else None

    def visit(q: Quota, target: float | None) -> None:
        kids = [c for c in catalogue.children(q.id) if c.matchable]
        targeted = [c for c in kids if effective(c) is not None]
        for c in targeted:
            visit(c, None if c.target is None else float(c.target))
        if target is None:
            return
        rest = target - sum(effective(c) or 0.0 for c in targeted)
        if (kids and q.rollup != "own") or rest <= 0:
            return
        untargeted = [c for c in kids if effective(c) is None]
        for c in untargeted:
            visit(c, rest * UNTARGETED_SHARE)
        out[q.id] = rest * (1 - UNTARGETED_SHARE * len(untargeted))

    for q in catalogue.quotas:
        if q.parent_id is None and q.matchable:
            stand_in = LINSHU_REALISTIC if region_of(q) == "linshu" else None
            visit(q, float(q.target) if q.target is not None else stand_in)
    return out


def programmes(catalogue: CatalogueLike, today: date) -> list[Programme]:
    """Every programme the demo writes, with realistic row counts as of `today`."""
    own = own_targets(catalogue)
    chosen = [(q, own[q.id]) for q in catalogue.quotas if q.id in own]
    out: list[Programme] = []
    seen: dict[RegionKey, int] = {}
    for q, target in chosen:
        region = region_of(q)
        rank = seen[region] = seen.get(region, -1) + 1
        cap = min(q.period_end, KAILI_CUTOFF) if region == "kaili" else q.period_end
        factors = OPEN_FACTORS if cap < q.period_end else ENDED_FACTORS
        factor = factors[rank % len(factors)]
        last = min(cap, today)
        if last < q.period_start:
            continue
        full = day_weights(q, q.period_start, cap)
        elapsed = float(full[: (last - q.period_start).days + 1].sum())
        profile = profile_for(q, region)
        cert, emp = base_rates(q, profile)
        # Filtered children measure this quota's records: steer the rows towards their filter.
        filters = [c.filter for c in catalogue.children(q.id) if c.filter is not None]
        place = next((f.employment_place for f in filters if f.employment_place), None)
        rate = {"certified": cert, "employed": emp}.get(q.measure, 1.0)
        words, weights = wordings(q, catalogue, *written_place(region))
        out.append(
            Programme(
                quota=q,
                region=region,
                profile=profile,
                wordings=words,
                wording_weights=weights,
                certified=cert,
                employed=emp,
                factor=factor,
                first=q.period_start,
                last=last,
                day_weights=day_weights(q, q.period_start, last),
                realistic=max(round(target * factor * elapsed / rate), 0),
                employment_place=_place(place),
                category=next((f.category for f in filters if f.category), None),
                occupation=next((f.occupation for f in filters if f.occupation), None),
            )
        )
    return out


def _place(filter_place: str | None) -> str | None:
    if filter_place is None:
        return None
    return FOSHAN if filter_place in FOSHAN else filter_place


def budget(progs: list[Programme], rows: int | None) -> BudgetPlan:
    """Give each programme its rows: realistic counts, or `rows` in total (see module doc)."""
    realistic = [p.realistic for p in progs]
    total = sum(realistic)
    regions = sorted({p.region for p in progs}, key=region_order)
    by_region = {r: sum(p.realistic for p in progs if p.region == r) for r in regions}
    if rows is None or total == 0:
        counts = realistic
    elif rows >= total:
        counts = apportion(rows, realistic)
    else:
        small = {r for r, n in by_region.items() if n <= SMALL_REGION}
        small_total = sum(by_region[r] for r in small)
        if small_total <= rows // 2:
            big = [0 if p.region in small else p.realistic for p in progs]
            scaled = apportion(rows - small_total, big)
            counts = [
                p.realistic if p.region in small else n for p, n in zip(progs, scaled, strict=True)
            ]
        else:
            floors = [min(n, MIN_ROWS) for n in realistic]
            spare = max(rows - sum(floors), 0)
            extra = apportion(spare, [n - f for n, f in zip(realistic, floors, strict=True)])
            counts = [f + e for f, e in zip(floors, extra, strict=True)]
    planned = tuple(replace(p, rows=n) for p, n in zip(progs, counts, strict=True))
    scale = {
        r: sum(p.rows for p in planned if p.region == r) / max(by_region[r], 1) for r in regions
    }
    lines = [f"realistic total {total:,} rows; generating {sum(counts):,}"]
    lines += [f"  {r}: {scale[r]:.1%} of realistic" for r in regions if abs(scale[r] - 1) > 0.005]
    if any(s < 0.995 for s in scale.values()):
        lines.append("  (completion of the scaled regions reads proportionally lower)")
    return BudgetPlan(planned, total, scale, "\n".join(lines))


def apportion(total: int, weights: Sequence[int | float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder; sums exactly to total)."""
    w = np.asarray(weights, dtype=np.float64)
    if total <= 0 or w.sum() <= 0:
        return [0] * len(w)
    exact = w / w.sum() * total
    counts = np.floor(exact).astype(np.int64)
    short = total - int(counts.sum())
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[:short]] += 1
    return [int(c) for c in counts]
