"""Trainees' names, GB 11643 ID numbers and mobile numbers, vectorised (demo.generate)."""

from __future__ import annotations

import numpy as np
import polars as pl

from demo.places import GIVEN_FEMALE, GIVEN_MALE, PHONE_PREFIXES, RegionKey, surnames

ID_WEIGHTS = np.asarray([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK = "10X98765432"  # ISO 7064 MOD 11-2: check character for (Σ digit×weight) mod 11
TWO_CHAR_GIVEN = 0.72  # share of given names with two characters


def check_digit(body17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    return ID_CHECK[sum(int(d) * int(w) for d, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def names(region: RegionKey, male: np.ndarray, rng: np.random.Generator) -> pl.Series:
    """Surname (regionally weighted) + one or two given-name characters fitting the sex."""
    n = len(male)
    family, weight = surnames(region)
    p = np.asarray(weight) / np.sum(weight)
    sur = rng.choice(len(family), n, p=p)
    given = [*GIVEN_MALE, *GIVEN_FEMALE, ""]
    n_m, n_f = len(GIVEN_MALE), len(GIVEN_FEMALE)

    def pick() -> np.ndarray:
        return np.where(male, rng.integers(0, n_m, n), n_m + rng.integers(0, n_f, n))

    first = pick()
    second = np.where(rng.random(n) < TWO_CHAR_GIVEN, pick(), n_m + n_f)
    table_s = pl.Series(family, dtype=pl.String)
    table_g = pl.Series(given, dtype=pl.String)
    return pl.select(
        pl.concat_str(
            pl.lit(table_s.gather(pl.Series(sur, dtype=pl.UInt32))),
            pl.lit(table_g.gather(pl.Series(first, dtype=pl.UInt32))),
            pl.lit(table_g.gather(pl.Series(second, dtype=pl.UInt32))),
        )
    ).to_series()


def id_numbers(
    prefix: np.ndarray, birth: np.ndarray, male: np.ndarray, rng: np.random.Generator
) -> pl.Series:
    """Valid 18-character IDs, one distinct ID per row: prefix, birth date (days since 1970),
    a sequence number unique within (prefix, birth date, sex) whose last digit is odd for men."""
    n = len(prefix)
    d = birth.astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month_start = d.astype("datetime64[M]")
    month = month_start.astype(np.int64) % 12 + 1
    day = (d - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    ymd = year * 10_000 + month * 100 + day
    # Number people sharing (prefix, birth, sex) 0, 1, 2, … from a random start within 0…499.
    sex = male.astype(np.int64)
    order = np.lexsort((sex, birth, prefix))
    key = (prefix[order] * 100_000 + (birth[order] + 40_000)) * 2 + sex[order]
    run_start = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    run_of = np.repeat(run_start, np.diff(np.r_[run_start, n]))
    rank_sorted = np.arange(n) - run_of
    if n and rank_sorted.max() >= 500:
        raise ValueError("more than 500 people share a birth date and prefix; widen the prefixes")
    offset = rng.integers(0, 500, n)[order][run_of]
    seq = np.empty(n, dtype=np.int64)
    seq[order] = ((offset + rank_sorted) % 500) * 2 + sex[order]
    body = prefix.astype(np.int64) * 10**11 + ymd * 1000 + seq
    total = np.zeros(n, dtype=np.int64)
    for position, weight in enumerate(ID_WEIGHTS):
        total += (body // 10 ** (16 - position) % 10) * weight
    check = total % 11
    table = pl.Series(list(ID_CHECK), dtype=pl.String)
    return pl.select(
        pl.concat_str(
            pl.lit(pl.Series(body)).cast(pl.String),
            pl.lit(table.gather(pl.Series(check, dtype=pl.UInt32))),
        )
    ).to_series()


def phones(n: int, rng: np.random.Generator) -> pl.Series:
    """11-digit mobile numbers with real carrier prefixes."""
    prefix = np.asarray(PHONE_PREFIXES, dtype=np.int64)[rng.integers(0, len(PHONE_PREFIXES), n)]
    return pl.Series(prefix * 10**8 + rng.integers(0, 10**8, n)).cast(pl.String)
