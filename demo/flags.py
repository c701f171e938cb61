"""The demo's irregularities: a realistic few percent of what the subsidy audit flags.

Applied by demo_rows.build() to its row arrays before the text cells are made, so every ID still
names one person and every record key stays unique (the trainings one person gets here always
start on different days):

* a person trained four times in one year under one programme (over_yearly_limit);
* a person trained twice in one occupation and level (repeat_occupation_level);
* a person in two classes at once (overlapping_classes);
* short courses of trainees a few years over their programme's age limit (over_age), and a few
  days longer than such courses run (too_long);
* one phone number written for several trainees of an institution in a year (shared_phone).

Trainings without a certificate need nothing: the base certificate rates leave some.
"""

from __future__ import annotations

import numpy as np

EPOCH_YEAR = np.datetime64("1970-01-01", "D")
YEARLY_SHARE = 0.006  # rows that start a block of four trainings of one person in a year
REPEAT_SHARE = 0.012  # rows whose trainee repeats an occupation and level
OVERLAP_SHARE = 0.006  # rows whose trainee is also in a class running at the same time
OLDER_SHARE = 0.03  # of the rows of programmes with an age limit of 65
LONGER_SHARE = 0.03  # of the short courses (at most 3 days)
PHONE_SHARE = 0.0015  # rows that start a block of seven trainees on one phone


def _years(start: np.ndarray) -> np.ndarray:
    return (EPOCH_YEAR + start.astype("timedelta64[D]")).astype("datetime64[Y]").astype(np.int64)


def _fits(src: np.ndarray, dst: np.ndarray, start: np.ndarray, birth: np.ndarray,
          max_age: np.ndarray) -> np.ndarray:  # fmt: skip
    """Whether the trainee of row src may also be the trainee of row dst (age, start day)."""
    age = (start[dst] - birth[src]) / 365.2425
    ok: np.ndarray = (age >= 16) & (age < max_age[dst] + 1) & (start[dst] != start[src])
    return ok


def irregular_persons(
    person: np.ndarray,
    group: tuple[np.ndarray, ...],
    start: np.ndarray,
    end: np.ndarray,
    birth: np.ndarray,
    max_age: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """person (row → the row whose trainee it shows) with the repeated trainings added.
    group: (programme, occupation, level) per row."""
    prog, occ, level = group
    person = person.copy()
    free = person == np.arange(len(person))  # rows not showing another row's trainee yet
    year = _years(start)
    for keys, size, share in (
        ((prog, year), 4, YEARLY_SHARE),
        ((prog, occ, level), 2, REPEAT_SHARE),
    ):
        order = np.lexsort((rng.random(len(person)), *keys))
        heads = np.flatnonzero(rng.random(len(order) - size) < share)
        for h in heads:
            rows = order[h : h + size]
            same = all(np.array_equal(k[rows], np.full(size, k[rows[0]])) for k in keys)
            if not same or not free[rows].all() or len(set(start[rows])) < size:
                continue
            src = rows[0]
            dst = rows[1:]
            if not _fits(np.full(len(dst), src), dst, start, birth, max_age).all():
                continue
            person[dst] = src
            free[rows] = False
    order = np.argsort(start, kind="stable")
    s_sorted = start[order]
    heads = order[rng.random(len(order)) < OVERLAP_SHARE]
    nxt = np.searchsorted(s_sorted, start[heads], side="right")
    ok = nxt < len(order)
    heads, dst = heads[ok], order[nxt[ok]]
    ok = (start[dst] <= end[heads]) & free[heads] & free[dst]
    ok &= _fits(heads, dst, start, birth, max_age)
    for h, d in zip(heads[ok], dst[ok], strict=True):
        if free[h] and free[d]:
            person[d] = h
            free[[h, d]] = False
    return person


def older(
    birth: np.ndarray, start: np.ndarray, max_age: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """A few trainees of programmes with a limit of 65 made 66–71 at their start date."""
    pick = (max_age == 65) & (rng.random(len(birth)) < OLDER_SHARE)
    age = max_age + 1.05 + 5 * rng.random(len(birth))
    return np.where(pick, start - np.round(age * 365.2425).astype(np.int64), birth)


def longer(
    start: np.ndarray, end: np.ndarray, short: np.ndarray, last: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:  # fmt: skip
    """End dates of a few short courses (at most 3 days) 2–6 days later, inside the period."""
    extra = rng.integers(2, 7, len(end))
    pick = short & (rng.random(len(end)) < LONGER_SHARE) & (end + extra + 7 < last)
    return np.where(pick, end + extra, end)


def shared_phones(
    institution: np.ndarray, start: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """row → the row whose phone it shows: blocks of seven trainees of one institution in a
    year on the first one's phone."""
    n = len(start)
    src = np.arange(n)
    year = _years(start)
    order = np.lexsort((rng.random(n), year, institution))
    for h in np.flatnonzero(rng.random(max(n - 7, 0)) < PHONE_SHARE):
        rows = order[h : h + 7]
        if (institution[rows] == institution[rows[0]]).all() and (
            year[rows] == year[rows[0]]
        ).all():
            src[rows] = rows[0]
    return src
