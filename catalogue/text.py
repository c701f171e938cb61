"""Text normalising shared by the catalogue and the ETL: half-width, trimmed, blank → null."""

from __future__ import annotations

import polars as pl

# Full-width ASCII (U+FF01–U+FF5E) and the ideographic space → half-width.
_FULL = [chr(c) for c in range(0xFF01, 0xFF5F)] + ["\u3000"]
_HALF = [chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)] + [" "]


def half_width(expr: pl.Expr) -> pl.Expr:
    """Full-width ASCII letters, digits, punctuation and spaces → half-width."""
    return expr.str.replace_many(_FULL, _HALF)


def text(expr: pl.Expr) -> pl.Expr:
    """Trimmed half-width text; blank → null."""
    s = half_width(expr).str.strip_chars()
    return pl.when(s == "").then(None).otherwise(s)
