"""Validation rules: one small vectorised expression per reason code (CONTRACT §2, Rejections).

Rules tag rows, they never raise. Each rule reads the normalised columns built by etl.pipeline:
the canonical fields, plus `<field>__raw` (the cell before parsing) for dates and flags, and
`__id_numeric` (the ID arrived as a number).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl

from etl.fields import REASONS, Reason
from etl.read import ID_NUMERIC

# GB/T 2260 province-level codes: the first two digits of a GB 11643 citizen ID number.
PROVINCE_CODES = tuple(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
# ISO 7064 MOD 11-2 weights and check characters (GB 11643-1999 §5).
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ROW = "__reasons_row"

_ID_SHAPE = r"^\d{17}[\dX]$"
_ID_AS_NUMBER = r"^\d+(?:\.\d+)?E[+-]?\d+$|^\d+\.\d+$"  # 5.22601E+17, 522601199001011000.0


def check_digit(id17: pl.Expr) -> pl.Expr:
    """The GB 11643 check character of an ID's first 17 digits, given as an integer."""
    total = pl.sum_horizontal([(id17 // 10 ** (16 - i)) % 10 * w for i, w in enumerate(_WEIGHTS)])
    return (total % 11).replace_strict(dict(enumerate(_CHECK)), return_dtype=pl.String)


def _raw_present(field: str) -> pl.Expr:
    raw = pl.col(f"{field}__raw")
    return raw.is_not_null() & (raw.str.strip_chars() != "")


def helpers(today: date) -> list[list[pl.Expr]]:
    """Intermediate columns the rules share, in stages; computed once, before the rules."""
    id_ = pl.col("id_number")
    shaped = id_.str.contains(_ID_SHAPE)
    return [
        [
            shaped.alias("__shaped"),
            (pl.col(ID_NUMERIC) | (id_.str.contains(_ID_AS_NUMBER) & ~shaped)).alias("__mangled"),
            pl.when(shaped).then(id_.str.slice(0, 17).str.to_integer(strict=False)).alias("__id17"),
        ],
        [_bad_birth(pl.col("__id17"), today).alias("__bad_birth")],
    ]


def _bad_birth(id17: pl.Expr, today: date) -> pl.Expr:
    """Digits 7–14 of the ID are no real date from 1900-01-01 to today (null if not shaped).

    Integer arithmetic on the digits: parsing 8-character strings as dates costs 4× more.
    """
    ymd = (id17 // 1000) % 100_000_000
    y, m, d = ymd // 10_000, (ymd // 100) % 100, ymd % 100
    month_ok = m.is_between(1, 12)
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    days = (
        pl.when(m == 2)
        .then(28 + leap.cast(pl.Int64))
        .when(m.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )
    low, high = 1900_01_01, today.year * 10_000 + today.month * 100 + today.day
    return ~month_ok | ~d.is_between(1, days) | (ymd < low) | (ymd > high)


@dataclass(frozen=True)
class ReasonRule:
    """One reason code: the rows it rejects (an expression over the normalised columns and the
    columns of helpers(), given the day of loading) and what it means, in Chinese and English."""

    code: Reason
    rule: Callable[[date], pl.Expr]
    zh: str
    en: str


def _id_present() -> pl.Expr:
    return pl.col("id_number").is_not_null() & ~pl.col("__mangled")


def _dates_invalid(_: date) -> pl.Expr:
    dates = ("start_date", "end_date", "employment_date")
    return pl.any_horizontal([_raw_present(f) & pl.col(f).is_null() for f in dates])


def _flags_invalid(_: date) -> pl.Expr:
    flags = ("certified", "employed")
    return pl.any_horizontal([_raw_present(f) & pl.col(f).is_null() for f in flags])


_ID = pl.col("id_number")
# Every reason code, once: its expression and its labels. The order is the contract's (REASONS).
REASON_RULES: tuple[ReasonRule, ...] = (
    ReasonRule("id_missing", lambda _: _ID.is_null(), "缺少身份证号", "no ID number"),
    ReasonRule(
        "id_mangled",
        lambda _: _ID.is_not_null() & pl.col("__mangled"),
        "身份证号被存为数字或科学计数法，末位已丢失",
        "ID stored as a number: digits lost",
    ),
    ReasonRule(
        "id_invalid",
        lambda _: (
            _id_present()
            & (
                ~pl.col("__shaped")
                | ~_ID.str.slice(0, 2).is_in(PROVINCE_CODES)
                | (pl.col("__shaped") & pl.col("__bad_birth"))
            )
        ),
        "身份证号格式、地区码或出生日期无效",
        "ID malformed, bad region or birth date",
    ),
    ReasonRule(
        "id_checksum",
        lambda _: (
            _id_present()
            & pl.col("__shaped")
            & (check_digit(pl.col("__id17")) != _ID.str.slice(17, 1))
        ),
        "身份证号校验位错误",
        "ID check digit wrong",
    ),
    ReasonRule("name_missing", lambda _: pl.col("name").is_null(), "缺少姓名", "no name"),
    ReasonRule(
        "programme_missing",
        lambda _: pl.col("programme_raw").is_null(),
        "缺少培训项目",
        "no programme",
    ),
    ReasonRule(
        "programme_unknown",
        lambda _: pl.col("programme_raw").is_not_null() & pl.col("programme_id").is_null(),
        "培训项目不在目标目录中",
        "programme not in the catalogue",
    ),
    ReasonRule(
        "date_missing",
        lambda _: ~_raw_present("start_date") | ~_raw_present("end_date"),
        "缺少开班或结业日期",
        "no start or end date",
    ),
    ReasonRule(
        "date_invalid", _dates_invalid, "日期无法识别或不存在", "date unreadable or non-existent"
    ),
    ReasonRule(
        "date_order",
        lambda _: pl.col("end_date") < pl.col("start_date"),
        "结业日期早于开班日期",
        "end date before start date",
    ),
    ReasonRule(
        "date_future",
        lambda today: (pl.col("start_date") > today) | (pl.col("end_date") > today),
        "日期晚于导入当天",
        "date after the day of loading",
    ),
    ReasonRule(
        "flag_invalid", _flags_invalid, "是否取证/就业填写无法识别", "yes/no cell unrecognised"
    ),
)
# What each reason means, for people: Chinese first, English for the toggle.
REASON_LABELS: dict[Reason, tuple[str, str]] = {r.code: (r.zh, r.en) for r in REASON_RULES}


def rules(today: date) -> dict[Reason, pl.Expr]:
    """Every reason code → the expression that is true for the rows it rejects.

    Reads the columns made by helpers().
    """
    return {r.code: r.rule(today) for r in REASON_RULES}


def with_reasons(frame: pl.DataFrame, today: date) -> pl.DataFrame:
    """The frame with `reasons`: every reason that applies, in the contract's order.

    The rules are evaluated as flags over every row; the list of reasons is built only for the
    rows that break one (few, in a real ledger) and joined back; the others get an empty list.
    """
    table = rules(today)
    staged = frame
    for stage in helpers(today):
        staged = staged.with_columns(stage)
    flags = staged.select(*[table[r].fill_null(False).alias(r) for r in REASONS])
    bad = flags.select(pl.any_horizontal(pl.all())).to_series()
    empty = pl.lit([], dtype=pl.List(pl.String))
    if not bad.any():
        return frame.with_columns(empty.alias("reasons"))
    tags = [pl.when(pl.col(r)).then(pl.lit(r)) for r in REASONS]
    listed = (
        flags.with_row_index(_ROW)
        .filter(bad)
        .select(_ROW, pl.concat_list(tags).list.drop_nulls().alias("reasons"))
    )
    return (
        frame.with_row_index(_ROW)
        .join(listed, on=_ROW, how="left", maintain_order="left")
        .drop(_ROW)
        .with_columns(pl.col("reasons").fill_null(empty))
    )
