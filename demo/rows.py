"""One region's synthetic ledger, built column by column with numpy and Polars (no Python loops
over rows): classes first (programme, institution, occupation, level, dates), then their trainees.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import polars as pl

from demo.classes import EPOCH, class_ids, make_classes, place_weights
from demo.people import id_numbers, names, phones
from demo.places import (
    MIGRANT_PREFIXES,
    MIGRANT_SHARE,
    TOWN_EFFECTS,
    Place,
    RegionKey,
    employment_places,
    institutions,
    places,
)
from demo.plan import Programme

REPEAT_SHARE = 0.03  # rows whose trainee also appears in another class
MIN_AGE, SAME_PLACE = 18, 0.7
TARGETED_SHARE = 0.85  # of the employed, working where their programme's filter says
NOTES = ("脱贫户", "易地扶贫搬迁户", "低保户", "补录", "已推荐就业", "残疾人")


def build(
    region: RegionKey, progs: list[Programme], rng: np.random.Generator, date_format: str
) -> pl.DataFrame:
    """The region's rows under canonical field names, in order of class start: text cells, but
    `certified` and `employed` as booleans."""
    progs = [p for p in progs if p.rows > 0]
    if not progs:
        return pl.DataFrame(schema=EMPTY_SCHEMA)
    insts, where = institutions(region), places(region)
    occ_table = [o for p in progs for o in p.profile.occupations]
    levels = sorted({lv for o in occ_table for lv in o.levels})
    cl = make_classes(progs, where, insts, levels, rng)
    n = int(cl.size.sum())
    cls = np.repeat(np.arange(len(cl.size)), cl.size)
    prog, occ = cl.prog[cls], cl.occupation[cls]
    start = cl.start[cls]
    end = start + cl.duration[cls] - 1
    max_age = np.asarray([p.profile.max_age for p in progs])[prog]

    # The trainee: home town, sex, birth date, ID; a few are the same person as in another class.
    town = np.where(
        rng.random(n) < SAME_PLACE, cl.place[cls], _elsewhere(where, cl.place[cls], rng)
    )
    male = rng.random(n) < np.asarray([o.male_share for o in occ_table])[occ]
    age = MIN_AGE + (max_age + 0.95 - MIN_AGE) * rng.beta(2.0, 2.6, n)
    birth = start - np.round(age * 365.2425).astype(np.int64)
    prefix = np.asarray([x.id_prefix for x in where])[town]
    if region == "zhejiang":
        migrant = rng.random(n) < MIGRANT_SHARE
        prefix = np.where(migrant, np.asarray(MIGRANT_PREFIXES)[rng.integers(0, 5, n)], prefix)
    occ_name = np.unique([o.name for o in occ_table], return_inverse=True)[1][occ]
    person = _repeat_persons(n, cls, occ_name, start, birth, max_age, rng)
    who = pl.Series(person, dtype=pl.UInt32)
    out: dict[str, pl.Series] = {}
    out["name"] = names(region, male, rng).gather(who)
    out["id_number"] = id_numbers(prefix, birth, male, rng).gather(who)
    out["phone"] = phones(n, rng).gather(who)
    town, male = town[person], male[person]
    del birth, prefix, age

    # Outcomes: base rate of the programme + institution and town effects.
    inst = cl.institution[cls]
    t_eff = np.asarray([TOWN_EFFECTS[i % len(TOWN_EFFECTS)] for i in range(len(where))])
    i_eff = np.asarray([(x.certified_effect, x.employed_effect) for x in insts])
    base = np.asarray([(p.certified, p.employed) for p in progs])[prog]
    p_cert = np.clip(base[:, 0] + i_eff[inst, 0] + t_eff[town, 0], 0.02, 0.995)
    p_emp = np.clip(base[:, 1] + i_eff[inst, 1] + t_eff[town, 1], 0.02, 0.995)
    certified = rng.random(n) < p_cert
    employed = rng.random(n) < p_emp
    last = np.asarray([(np.datetime64(p.last) - EPOCH).astype(np.int64) for p in progs])[prog]
    emp_day = np.minimum(end + rng.integers(7, 91, n), last)
    employed &= emp_day > end  # a class ending on the ledger's last day has no jobs recorded yet

    out["gender"] = _lookup(["女", "男"], male.astype(np.int64))
    out["category"] = _per_programme(progs, prog, _categories, rng)
    out["programme"] = _per_programme(progs, prog, _wordings, rng)
    out["institution"] = _lookup([x.name for x in insts], inst)
    out["occupation"] = _lookup([o.name for o in occ_table], occ)
    out["level"] = _lookup(levels, cl.level[cls], blank="")
    row_class = pl.Series(cls, dtype=pl.UInt32)
    out["start_date"] = _dates(cl.start, date_format).gather(row_class)
    out["end_date"] = _dates(cl.start + cl.duration - 1, date_format).gather(row_class)
    out["days"] = pl.Series(cl.duration[cls]).cast(pl.String)
    hpd = np.asarray([p.profile.hours_per_day for p in progs])[prog]
    out["hours"] = pl.Series(cl.duration[cls] * hpd).cast(pl.String)
    out["class_id"] = class_ids(region, cl).gather(row_class)
    out["certified"] = pl.Series(certified)
    cert_names = [o.certificate for o in occ_table]
    out["certificate_type"] = _lookup(cert_names, np.where(certified, occ, -1))
    out["employed"] = pl.Series(employed)
    out["employment_date"] = _dates(np.where(employed, emp_day, -1), date_format, missing=-1)
    out["employment_place"] = _employment_places(region, progs, prog, town, employed, rng)
    if region == "zhejiang":
        out["county"] = _lookup([x.name for x in where], town)
        out["city"] = _lookup([x.parent for x in where], town)
    elif region == "yuncheng":
        out["county"] = _lookup([x.name for x in where], town)
    else:
        out["town"] = _lookup([x.name for x in where], town)
    note = np.where(rng.random(n) < 0.02, rng.integers(0, len(NOTES), n), -1)
    out["note"] = _lookup(list(NOTES), note)
    return pl.DataFrame(out)


EMPTY_SCHEMA = {
    **dict.fromkeys(("name", "id_number", "phone", "gender", "category", "programme", "institution",
                     "occupation", "level", "start_date", "end_date", "days", "hours", "class_id",
                     "certificate_type", "employment_date", "employment_place", "county", "city",
                     "town", "note"), pl.String),
    "certified": pl.Boolean,
    "employed": pl.Boolean,
}  # fmt: skip


def _elsewhere(where: tuple[Place, ...], place: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A trainee from outside the class's place: anywhere in the region, by population; in
    Zhejiang, another county of the same city."""
    if not where[0].parent:
        return rng.choice(len(where), len(place), p=place_weights(where))
    cities = list(dict.fromkeys(x.parent for x in where))
    city = np.asarray([cities.index(x.parent) for x in where])
    first = np.searchsorted(city, np.arange(len(cities)))  # ZHEJIANG_COUNTIES is grouped by city
    count = np.bincount(city)
    c = city[place]
    return np.asarray(first[c] + rng.integers(0, count[c]))


def _repeat_persons(
    n: int,
    cls: np.ndarray,
    occ_name: np.ndarray,
    start: np.ndarray,
    birth: np.ndarray,
    max_age: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Row → the row whose trainee it shows: itself, or (for ~3%) one of another class and
    another occupation (never the same occupation twice: Linshu's rule, and never a duplicate
    record key), of a fitting age. Each trainee appears at most twice."""
    person = np.arange(n)
    if n < 2:
        return person
    src = (person + rng.integers(1, n, n)) % n
    age = (start - birth[src]) / 365.2425
    ok = (rng.random(n) < REPEAT_SHARE) & (cls[src] != cls) & (occ_name[src] != occ_name)
    ok &= (age >= 16) & (age < max_age + 1)
    idx = np.flatnonzero(ok)
    _, first = np.unique(src[idx], return_index=True)
    keep = idx[first]
    keep = keep[~np.isin(src[keep], keep)]  # a copied trainee is never copied on again
    person[keep] = src[keep]
    return person


def _lookup(values: list[str], codes: np.ndarray, blank: str | None = None) -> pl.Series:
    """values[code] per row; a negative code (or a value equal to `blank`) is null."""
    table = pl.Series([None if v == blank else v for v in values] + [None], dtype=pl.String)
    idx = np.where(codes < 0, len(values), codes)
    return table.gather(pl.Series(idx, dtype=pl.UInt32))


def _dates(days: np.ndarray, fmt: str, missing: int | None = None) -> pl.Series:
    """Days since 1970-01-01 → text in the region's style; `missing` → null."""
    s = pl.Series(days.astype(np.int32)).cast(pl.Date).dt.strftime(fmt)
    if missing is not None:
        s = s.scatter(np.flatnonzero(days == missing), None)
    return s


def _categories(p: Programme) -> tuple[tuple[str, float], ...]:
    return ((p.category, 1.0),) if p.category else p.profile.categories


def _wordings(p: Programme) -> tuple[tuple[str, float], ...]:
    return tuple(zip(p.wordings, p.wording_weights, strict=True))


def _per_programme(
    progs: list[Programme],
    prog: np.ndarray,
    choices: Callable[[Programme], Sequence[tuple[str, float]]],
    rng: np.random.Generator,
) -> pl.Series:
    """A weighted choice per row among the row's programme's options."""
    options = [list(choices(p)) for p in progs]
    table = sorted({v for opts in options for v, _ in opts})
    code = np.empty(len(prog), dtype=np.int64)
    u = rng.random(len(prog))
    for k, opts in enumerate(options):
        sel = np.flatnonzero(prog == k)
        w = np.cumsum([x for _, x in opts])
        pick = np.minimum(np.searchsorted(w / w[-1], u[sel], side="right"), len(opts) - 1)
        code[sel] = np.asarray([table.index(v) for v, _ in opts])[pick]
    return _lookup(table, code)


def _employment_places(
    region: RegionKey,
    progs: list[Programme],
    prog: np.ndarray,
    town: np.ndarray,
    employed: np.ndarray,
    rng: np.random.Generator,
) -> pl.Series:
    """Where the employed work: the region's usual places; most of a programme whose filter names
    a place (Kaili's order training: 佛山) work there."""
    options = employment_places(region)
    w = np.cumsum([x for _, x in options])
    pick = np.searchsorted(w / w[-1], rng.random(len(prog)), side="right")
    table = [p for p, _ in options]
    targeted = sorted({p.employment_place for p in progs if p.employment_place})
    wanted = np.asarray(
        [
            len(table) + targeted.index(p.employment_place) if p.employment_place else -1
            for p in progs
        ]
    )[prog]
    pick = np.where((wanted >= 0) & (rng.random(len(prog)) < TARGETED_SHARE), wanted, pick)
    s = _lookup(table + targeted, np.where(employed, pick, -1), blank=None)
    if region in ("yuncheng", "zhejiang"):  # "" = the trainee's own county / city
        where = places(region)
        home = _lookup([x.name if region == "yuncheng" else x.parent for x in where], town)
        s = pl.select(pl.when(pl.lit(s) == "").then(pl.lit(home)).otherwise(pl.lit(s))).to_series()
    return s
