"""A chunk of raw cells → normalised, validated rows, each tagged ok / rejected / skipped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Literal, get_args

import polars as pl

from catalogue.loader import Catalogue
from etl import normalise
from etl.fields import (
    ALIASES,
    DATE_FIELDS,
    FIELDS,
    FLAG_FIELDS,
    NUMBER_FIELDS,
    REQUIRED,
    TOTAL_WORDS,
    normalise_header,
)
from etl.read import ID_NUMERIC, ROW, SourceTable
from etl.validate import with_reasons

Status = Literal["ok", "rejected", "skipped"]  # the values of the `status` column
STATUSES: tuple[Status, ...] = get_args(Status)

# Columns of the pipeline's output besides the raw cells c0…cN.
RECORD_COLUMNS = (
    "name",
    "id_number",
    "programme_id",
    "programme_raw",
    "start_date",
    "end_date",
    "gender",
    "town",
    "county",
    "city",
    "province",
    "institution",
    "occupation",
    "level",
    "days",
    "hours",
    "certified",
    "certificate_type",
    "employed",
    "employment_date",
    "employment_place",
    "category",
    "phone",
    "class_id",
)


def header_key(expr: pl.Expr) -> pl.Expr:
    """normalise_header() as an expression, for spotting a repeated header row."""
    return normalise.half_width(expr).str.replace_all(r"\s+", "").str.strip_chars_start("*＊")


@cache
def _blank_answer(fn: Callable[[pl.Expr], pl.Expr]) -> pl.Series:
    """fn of a blank cell: the same for every chunk, so evaluated once per process."""
    return pl.select(fn(pl.lit(None, dtype=pl.String))).to_series()


def _by_unique(frame: pl.DataFrame, column: str, fn: Callable[[pl.Expr], pl.Expr]) -> pl.Series:
    """Evaluate fn over `column` once per distinct value, then spread the answers back.

    Ledger columns such as dates, towns or flags hold a few hundred distinct values in a million
    rows, so this is an order of magnitude faster than evaluating them row by row. The column is
    cast to an Enum of its own distinct values, whose codes index the answers directly.
    """
    src = frame.get_column(column)
    blank = _blank_answer(fn).alias(column)
    keys = src.unique().drop_nulls()
    if keys.is_empty():
        return pl.repeat(blank.item(), len(src), dtype=blank.dtype, eager=True).alias(column)
    answers = pl.DataFrame({column: keys}).select(fn(pl.col(column))).to_series()
    if answers.dtype == src.dtype and answers.equals(keys):  # clean text: every cell is itself
        return src.alias(column)
    out = answers.gather(src.cast(pl.Enum(keys)).to_physical())
    if src.null_count():
        fill = pl.repeat(blank.item(), len(src), dtype=answers.dtype, eager=True)
        out = out.zip_with(src.is_not_null(), fill)
    return out


_ROW_WISE: dict[str, Callable[[pl.Expr], pl.Expr]] = {
    "name": normalise.name,  # high-cardinality columns: evaluated row by row
    "id_number": normalise.id_number,
    "phone": normalise.text,
}


# Cells that a row-wise normaliser would change: spaces, full-width forms, a lower-case x.
_NEEDS_CLEANING = r"[\s\x{FF01}-\x{FF5E}\x{3000}x]"


def _row_wise(cells: pl.Series, fn: Callable[[pl.Expr], pl.Expr]) -> pl.Series:
    """fn over the cells that need it; clean cells (nearly all) are only copied."""
    dirty = cells.str.contains(_NEEDS_CLEANING).fill_null(False)
    if not dirty.any():
        return pl.select(pl.when(pl.lit(cells) != "").then(pl.lit(cells))).to_series()
    fixed = pl.select(fn(pl.lit(cells.filter(dirty)))).to_series()
    out = pl.select(pl.when(pl.lit(cells) != "").then(pl.lit(cells))).to_series()
    return out.scatter(dirty.arg_true(), fixed)


def _parser(f: str) -> Callable[[pl.Expr], pl.Expr]:
    if f in DATE_FIELDS:
        return normalise.parse_date
    if f in FLAG_FIELDS:
        return normalise.flag
    if f in NUMBER_FIELDS:
        return normalise.number
    return normalise.text


def _dtype(f: str) -> pl.DataType:
    if f in DATE_FIELDS:
        return pl.Date()
    if f in NUMBER_FIELDS:
        return pl.Float64()
    return pl.String()


def _normalised(chunk: pl.DataFrame, table: SourceTable, catalogue: Catalogue) -> pl.DataFrame:
    """The canonical fields of a chunk of raw cells, parsed and normalised."""
    by_field = {f: c for c, f in table.mapping.items()}
    n = chunk.height
    cols: list[pl.Series] = []
    for f in FIELDS:
        name = "programme_raw" if f == "programme" else f
        c = by_field.get(f)
        if c is None:
            blank = pl.repeat(False, n, eager=True) if f in FLAG_FIELDS else None
            cols.append(
                blank if blank is not None else pl.repeat(None, n, dtype=_dtype(f), eager=True)
            )
        elif f in _ROW_WISE:
            cols.append(_row_wise(chunk.get_column(c), _ROW_WISE[f]))
        else:
            cols.append(_by_unique(chunk, c, _parser(f)))
        cols[-1] = cols[-1].alias(name)
        if f in DATE_FIELDS or f in FLAG_FIELDS:
            raw = chunk.get_column(c) if c else pl.repeat(None, n, dtype=pl.String, eager=True)
            cols.append(raw.alias(f"{f}__raw"))
    numeric = chunk.get_column(ID_NUMERIC) if ID_NUMERIC in chunk.columns else None
    cols.append(
        numeric if numeric is not None else pl.repeat(False, n, eager=True).alias(ID_NUMERIC)
    )
    cols.append(pl.repeat(None, n, dtype=pl.String, eager=True).alias("province"))
    out = pl.DataFrame(cols)
    return out.with_columns(_match_unique(out, catalogue))


def _match_unique(frame: pl.DataFrame, catalogue: Catalogue) -> pl.Series:
    """programme_id for each row: the catalogue's own matcher, once per distinct cell."""
    keys = frame.select("programme_raw", "county", "city")
    uniq = keys.unique()
    ids = [
        catalogue.match_programme(p, county, city) if p is not None else None
        for p, county, city in uniq.iter_rows()
    ]
    matched = uniq.with_columns(pl.Series("programme_id", ids, dtype=pl.String))
    joined = keys.join(
        matched,
        on=["programme_raw", "county", "city"],
        how="left",
        nulls_equal=True,
        maintain_order="left",
    )
    return joined.get_column("programme_id")


def _fill_region(catalogue: Catalogue, level: str) -> pl.Expr:
    by_id = {q.id: getattr(q.region, level) for q in catalogue.quotas}
    default = pl.col("programme_id").replace_strict(by_id, default=None, return_dtype=pl.String)
    return pl.coalesce(pl.col(level), default).alias(level)


def _where(chunk: pl.DataFrame, cheap: pl.Expr, exact: pl.Expr) -> pl.Series:
    """exact evaluated only on the rows where cheap holds (false elsewhere).

    `cheap` must be true for every row where `exact` can be; it keeps rare checks (blank rows,
    repeated headers, totals) off the bulk of a large file.
    """
    mask = chunk.select(cheap.fill_null(False)).to_series()
    out = pl.repeat(False, chunk.height, eager=True)
    if mask.any():
        rows = mask.arg_true()
        hits = chunk.filter(mask).select(exact.fill_null(False)).to_series()
        out = out.scatter(rows, hits)
    return out


def _skip_checks(chunk: pl.DataFrame, table: SourceTable) -> tuple[pl.Series, pl.Series]:
    """(blank, skipped): entirely blank rows, and repeated-header or totals rows."""
    raw_cols = [f"c{i}" for i in range(len(table.headers))]
    by_field = {f: c for c, f in table.mapping.items()}
    # A blank row has a blank ID cell; whitespace-only cells are checked exactly on those rows.
    id_cell = pl.col(by_field["id_number"])
    short = id_cell.is_null() | ~id_cell.str.contains(r"\S")
    blank = pl.all_horizontal(
        [pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in raw_cols]
    )
    # A repeated header has no digit at the start of its ID cell.
    header_like = ~id_cell.str.contains(r"^\s*[0-9０-９]").fill_null(False)
    repeated_header = pl.all_horizontal(
        [
            header_key(pl.col(by_field[f])).is_in([normalise_header(a) for a in ALIASES[f]])
            for f in REQUIRED
        ]
    )
    # A totals row's first non-empty cell starts with 合计/总计/小计. When the first column is
    # filled (nearly always: 序号 or 姓名), it is that cell; only other rows need the full look.
    lead = pl.col(raw_cols[0])
    maybe_total = lead.is_null() | lead.str.contains(r"^\s*$|计")
    first_cell = pl.coalesce(
        [pl.when(pl.col(c).str.strip_chars() != "").then(pl.col(c)) for c in raw_cols]
    )
    total_row = header_key(first_cell).str.contains("^(" + "|".join(TOTAL_WORDS) + ")")
    skipped = _where(chunk, header_like, repeated_header) | _where(chunk, maybe_total, total_row)
    return _where(chunk, short, blank), skipped


def prepare(
    chunk: pl.DataFrame, table: SourceTable, catalogue: Catalogue, today: date
) -> pl.DataFrame:
    """Normalise and validate a chunk of raw cells; blank rows are gone, the rest have a status."""
    raw_cols = [f"c{i}" for i in range(len(table.headers))]
    blank, skip = _skip_checks(chunk, table)
    if blank.any():
        chunk, skip = chunk.filter(~blank), skip.filter(~blank)
    typed = _normalised(chunk, table, catalogue)
    typed = typed.with_columns(
        *[_fill_region(catalogue, lv) for lv in ("province", "city", "county")]
    )
    typed = with_reasons(typed, today)
    status = (
        pl.when(skip)
        .then(pl.lit("skipped"))
        .when(pl.col("reasons").list.len() > 0)
        .then(pl.lit("rejected"))
        .otherwise(pl.lit("ok"))
    )
    return pl.concat(
        [
            typed.select(
                chunk.get_column(ROW).cast(pl.Int32).alias("source_row"),
                status.alias("status"),
                "reasons",
                *RECORD_COLUMNS,
            ),
            chunk.select(raw_cols),
        ],
        how="horizontal",
    )
