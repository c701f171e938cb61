"""The classes (开班) of a region's synthetic ledger: programme, institution, occupation, level,
place and dates of each class, and how many trainees it has (demo.generate)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from demo.flavour import flavour
from demo.places import TOWN_PACE, Institution, Place, RegionKey
from demo.plan import Programme

EPOCH = np.datetime64("1970-01-01", "D")
SPECIALIST_WEIGHT = 3.0  # a specialised institution gets this many classes per general one


@dataclass
class Classes:
    """Per-class arrays, sorted by start date."""

    prog: np.ndarray  # index into the region's programmes
    start: np.ndarray  # days since 1970-01-01
    duration: np.ndarray  # days
    occupation: np.ndarray  # index into the region's occupation table
    level: np.ndarray  # index into the level table
    institution: np.ndarray
    place: np.ndarray  # index into the region's places
    size: np.ndarray


def place_weights(where: tuple[Place, ...]) -> np.ndarray:
    """Where classes and trainees come from: population × a pace that makes some towns lag."""
    w = np.asarray([x.weight * TOWN_PACE[i % len(TOWN_PACE)] for i, x in enumerate(where)])
    return np.asarray(w / w.sum(), dtype=np.float64)


def make_classes(
    progs: list[Programme],
    where: tuple[Place, ...],
    insts: tuple[Institution, ...],
    levels: list[str],
    rng: np.random.Generator,
) -> Classes:
    """Cut each programme's rows into classes of about its class size, sorted by start date."""
    parts: list[tuple[np.ndarray, ...]] = []
    occ_base = 0
    town_p = place_weights(where)
    for k, p in enumerate(progs):
        occs = p.profile.occupations
        c = max(1, min(p.rows, round(p.rows / p.profile.class_size)))
        w = 0.6 + 0.8 * rng.random(c)
        size = np.diff(np.round(np.cumsum(w) / w.sum() * p.rows).astype(np.int64), prepend=0)
        span = (p.last - p.first).days
        lo, hi = p.profile.days
        duration = np.minimum(rng.integers(lo, hi + 1, c), span + 1)
        cdf = np.cumsum(p.day_weights)
        latest = span - (duration - 1)
        offset = np.minimum(np.searchsorted(cdf, rng.random(c) * cdf[latest], side="right"), latest)
        start = (np.datetime64(p.first) - EPOCH).astype(np.int64) + offset
        wanted = [i for i, o in enumerate(occs) if p.occupation and p.occupation in o.name]
        choices = np.asarray(wanted or range(len(occs)))
        occ = choices[rng.integers(0, len(choices), c)]
        level = np.empty(c, dtype=np.int64)
        for i in np.unique(occ):
            options = np.asarray([levels.index(x) for x in occs[i].levels])
            sel = occ == i
            level[sel] = options[rng.integers(0, len(options), int(sel.sum()))]
        place = rng.choice(len(where), c, p=town_p)
        inst = _institutions(p, place, where, insts, rng)
        keep = size > 0
        cols = (np.full(c, k), start, duration, occ + occ_base, level, inst, place, size)
        parts.append(tuple(a[keep] for a in cols))
        occ_base += len(occs)
    merged = [np.concatenate(col) for col in zip(*parts, strict=True)]
    order = np.lexsort((merged[0], merged[1]))
    return Classes(*(col[order] for col in merged))


def _institutions(
    p: Programme,
    place: np.ndarray,
    where: tuple[Place, ...],
    insts: tuple[Institution, ...],
    rng: np.random.Generator,
) -> np.ndarray:
    """Each class's institution: one of its place's (Zhejiang, Yuncheng: institutions serve their
    city or county), else a few per programme, preferring those specialised in it."""
    if insts[0].home:
        homes = sorted({x.home for x in insts})
        of_place = np.asarray([homes.index(x.parent or x.name) for x in where])[place]
        members = [np.flatnonzero([x.home == h for x in insts]) for h in homes]
        count = np.asarray([len(m) for m in members])
        start = np.cumsum(count) - count
        flat = np.concatenate(members)
        return np.asarray(flat[start[of_place] + rng.integers(0, count[of_place])])
    key = p.profile.key
    special = [i for i, x in enumerate(insts) if key in x.speciality]
    general = [i for i, x in enumerate(insts) if not x.speciality or key == "general"]
    general = [i for i in general if i not in special]
    k = min(len(general), 3 + len(place) // 40, 8)
    pool = special + [int(i) for i in rng.choice(general, k, replace=False)] if k else special
    weights = np.asarray([SPECIALIST_WEIGHT if i in special else 1.0 for i in pool])
    return np.asarray(pool)[rng.choice(len(pool), len(place), p=weights / weights.sum())]


def class_ids(region: RegionKey, cl: Classes) -> pl.Series:
    """Per class: KL2024-0031 (region code, year of start, number within the year)."""
    year = cl.start.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    number = np.arange(len(year)) - np.searchsorted(year, year, side="left") + 1
    return pl.select(
        pl.concat_str(
            pl.lit(flavour(region).class_code),
            pl.lit(pl.Series(year)).cast(pl.String),
            pl.lit("-"),
            pl.lit(pl.Series(number)).cast(pl.String).str.zfill(4),
        )
    ).to_series()
