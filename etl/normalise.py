"""Normalising cells: vectorised Polars expressions, one per kind of value (CONTRACT §2)."""

from __future__ import annotations

from datetime import date

import polars as pl

from catalogue.text import half_width as half_width  # re-exported: the pipeline uses both
from catalogue.text import text as text
from etl.fields import NO_TOKENS, YES_TOKENS

# Excel's day zero: serial 1 is 1900-01-01 and Excel counts a non-existent 1900-02-29.
_EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers accepted as dates: 1990-01-01 … 2099-12-31. A smaller or larger number is not a
# training date, so it is date_invalid rather than silently read as 1905 or 2200.
_SERIAL_MIN, _SERIAL_MAX = 32874, 73050

_YMD = (
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*[T ]?\s*\d{1,2}[:：]\d{1,2}(?:[:：]\d{1,2}(?:\.\d+)?)?)?$"
)
_COMPACT = r"^(\d{4})(\d{2})(\d{2})$"
_SERIAL = r"^\d{4,5}(?:\.\d+)?$"


def name(expr: pl.Expr) -> pl.Expr:
    """A person's name: text with every inner space removed (a middle dot · stays)."""
    s = half_width(expr).str.replace_all(r"\s+", "")
    return pl.when(s == "").then(None).otherwise(s)


def id_number(expr: pl.Expr) -> pl.Expr:
    """ID number: whitespace removed, half-width, x → X; blank → null."""
    s = half_width(expr).str.replace_all(r"\s+", "").str.to_uppercase()
    return pl.when(s == "").then(None).otherwise(s)


def parse_date(expr: pl.Expr) -> pl.Expr:
    """Every date form of the contract → Date; null where the text is no existing date."""
    s = half_width(expr).str.strip_chars()
    ymd = s.str.extract_groups(_YMD)
    compact = s.str.extract_groups(_COMPACT)

    def build(parts: pl.Expr) -> pl.Expr:
        y = parts.struct.field("1")
        m = parts.struct.field("2").str.zfill(2)
        d = parts.struct.field("3").str.zfill(2)
        return pl.concat_str([y, m, d], separator="-").str.to_date("%Y-%m-%d", strict=False)

    serial = s.str.extract(r"^(\d+)", 1).cast(pl.Int64, strict=False)
    from_serial = (
        pl.when(s.str.contains(_SERIAL) & serial.is_between(_SERIAL_MIN, _SERIAL_MAX))
        .then(pl.lit(_EXCEL_EPOCH) + pl.duration(days=serial))
        .otherwise(None)
    )
    return pl.coalesce(build(ymd), build(compact), from_serial.cast(pl.Date))


def flag(expr: pl.Expr) -> pl.Expr:
    """Yes/no cell → True/False; blank → False; anything else → null (flag_invalid)."""
    s = half_width(expr).fill_null("").str.strip_chars().str.to_lowercase()
    return (
        pl.when(s.is_in(YES_TOKENS))
        .then(True)
        .when(s.is_in(NO_TOKENS))
        .then(False)
        .otherwise(None)
        .cast(pl.Boolean)
    )


def number(expr: pl.Expr) -> pl.Expr:
    """A count such as 培训天数 or 课时; text that is not a number → null."""
    return half_width(expr).str.strip_chars().cast(pl.Float64, strict=False)
