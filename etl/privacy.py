"""Masking personal data: ID and phone numbers show as first 6 + ******** + last 4, everywhere."""

from __future__ import annotations

import polars as pl

MASK = "********"


def mask(value: str | None) -> str | None:
    """Mask one ID or phone number; a value too short to keep 10 characters is masked whole."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return s
    return s[:6] + MASK + s[-4:] if len(s) >= 10 else MASK


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


def formula_safe(expr: pl.Expr) -> pl.Expr:
    """Text a spreadsheet never runs as a formula: a leading = + - @ gets a ' before it."""
    s = expr.cast(pl.String)
    return pl.when(s.str.contains(r"^[=+\-@\t\r]")).then(pl.lit("'") + s).otherwise(s)
