"""Masking personal data, everywhere it leaves the warehouse.

* ID numbers: first 6 + `********` + last 4 (`mask`, `mask_expr`).
* Phone numbers: first 3 + `****` + last 4 (`mask_phone`, `mask_phone_expr`).
* Any other text (raw cells of uninterpreted columns, messages): by content, not by header —
  every run of digits shaped like an ID number (18 characters, or the old 15 digits) or a
  mainland mobile number (11 digits from 13…19, spaced or dashed, with or without 86) is masked
  wherever it stands (`mask_text`, `mask_text_expr`, and `mask_text_sql` for DuckDB).

The patterns avoid look-arounds (Polars' and DuckDB's regex engines have none): a number must be
a whole run of digits, so the boundary characters are matched and put back, and the replacement
runs twice so that two numbers separated by one character are both masked.
"""

from __future__ import annotations

import re

import polars as pl

MASK = "********"
PHONE_MASK = "****"

_B = r"(^|[^0-9])"  # the character before a number (or the start)
_E = r"([^0-9]|$)"  # the character after it (or the end)
_ID = _B + r"([0-9]{6})(?:[0-9]{8}|[0-9]{5})([0-9]{3}[0-9Xx]|[0-9]{4})" + _E
_MOBILE = _B + r"((?:\+?86[- ]?)?1[3-9][0-9])[- ]?[0-9]{4}[- ]?([0-9]{4})" + _E
_ID_RE, _MOBILE_RE = re.compile(_ID), re.compile(_MOBILE)


def mask(value: str | None) -> str | None:
    """Mask one ID number; a value too short to keep 10 characters is masked whole."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return s
    return s[:6] + MASK + s[-4:] if len(s) >= 10 else MASK


def mask_phone(value: str | None) -> str | None:
    """Mask one phone number: first 3 + **** + last 4; a value shorter than 8 masked whole."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return s
    return s[:3] + PHONE_MASK + s[-4:] if len(s) >= 8 else PHONE_MASK


def mask_text(value: str | None) -> str | None:
    """Every ID-like and mobile-like number inside a text, masked."""
    if value is None:
        return None
    out = str(value)
    for _ in range(2):
        out = _ID_RE.sub(lambda m: f"{m[1]}{m[2]}{MASK}{m[3]}{m[4]}", out)
        out = _MOBILE_RE.sub(lambda m: f"{m[1]}{m[2]}{PHONE_MASK}{m[3]}{m[4]}", out)
    return out


def mask_expr(expr: pl.Expr) -> pl.Expr:
    """mask() as a Polars expression."""
    s = expr.cast(pl.String).str.strip_chars()
    return (
        pl.when(s.is_null() | (s == ""))
        .then(s)
        .when(s.str.len_chars() >= 10)
        .then(pl.concat_str([s.str.slice(0, 6), pl.lit(MASK), s.str.slice(-4)]))
        .otherwise(pl.lit(MASK))
    )


def mask_phone_expr(expr: pl.Expr) -> pl.Expr:
    """mask_phone() as a Polars expression."""
    s = expr.cast(pl.String).str.strip_chars()
    return (
        pl.when(s.is_null() | (s == ""))
        .then(s)
        .when(s.str.len_chars() >= 8)
        .then(pl.concat_str([s.str.slice(0, 3), pl.lit(PHONE_MASK), s.str.slice(-4)]))
        .otherwise(pl.lit(PHONE_MASK))
    )


def mask_text_expr(expr: pl.Expr) -> pl.Expr:
    """mask_text() as a Polars expression."""
    s = expr.cast(pl.String)
    for _ in range(2):
        s = s.str.replace_all(_ID, "${1}${2}" + MASK + "${3}${4}")
        s = s.str.replace_all(_MOBILE, "${1}${2}" + PHONE_MASK + "${3}${4}")
    return s


def mask_text_sql(column: str) -> str:
    """mask_text() as a DuckDB expression over a text column (one of our own column names)."""
    s = column
    for _ in range(2):
        s = f"regexp_replace({s}, '{_ID}', '\\1\\2{MASK}\\3\\4', 'g')"
        s = f"regexp_replace({s}, '{_MOBILE}', '\\1\\2{PHONE_MASK}\\3\\4', 'g')"
    return s


def formula_safe(expr: pl.Expr) -> pl.Expr:
    """Text a spreadsheet never runs as a formula: a leading = + - @ gets a ' before it."""
    s = expr.cast(pl.String)
    return pl.when(s.str.contains(r"^[=+\-@\t\r]")).then(pl.lit("'") + s).otherwise(s)
