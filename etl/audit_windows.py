"""The subsidy audit's window flags, in Polars over narrow integer keys (etl/audit.py).

Some flags need more than the record itself: `over_yearly_limit` and `repeat_occupation_level`
(its rank among the person's certified trainings of one yearly or no-repeat rule, by start
date), `overlapping_classes` (an earlier training of the person ends on or after its start, or
the next one starts on or before its end) and `shared_phone` (its phone is on more than the
limit's trainees of one institution in one year). Only a person with two or more trainings can
have one of the first three, and only a record in a big phone group the last: `window_flags`
returns the rows that have any, by row id, and etl/sql/audit_judged.sql joins them to the
records it judges.

A person's trainings are ordered by start date, end date, batch, sheet (named sheets before a
null one) and row. The sort runs on integers only: the person from the ID's digits, the dates,
and one number for (batch, sheet, row) that sorts as the texts do. The text columns are never
sorted or gathered, which is what made the windows cost seconds per million records.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import polars as pl

from catalogue.rules import FlagCode

# The record fields the windows read, with the row's id (`rid`) for the join back.
SCOPE_COLUMNS = (
    "rid, id_number, batch_id, source_sheet, source_row, start_date, end_date, certified, "
    "programme_id, occupation, level"
)
_SPAN = 10_000_000  # more days than any date's offset from 1970: packs (person, day) in one int
_ROW_SPAN = 2**32  # more than any source row: packs (batch and sheet, row) in one int


def arrow_frame(
    con: duckdb.DuckDBPyConnection,
    query: str,
    params: list[object] | dict[str, object] | None = None,
) -> pl.DataFrame:
    """A query's rows as a Polars frame, through Arrow."""
    rel = con.sql(query, params=params or [])
    assert rel is not None  # a query that reads
    frame = pl.from_arrow(rel.to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame


def _enum_code(name: str, values: pl.Series) -> pl.Expr:
    """The rank of each text among `values` (sorted, distinct): an integer that sorts as the
    text does; null stays null."""
    ordered = sorted(values.drop_nulls().unique().to_list())
    return pl.col(name).cast(pl.Enum(ordered)).to_physical().cast(pl.Int64)


def keyed(scope: pl.DataFrame) -> pl.DataFrame:
    """The scope with `pkey` (one integer per ID number: its 17 digits and its check character)
    and `seq` (batch, sheet and row as one integer, in the same order as those texts)."""
    id_ = pl.col("id_number")
    check = id_.str.slice(17, 1)
    sheets = scope["source_sheet"]
    null_sheet = sheets.drop_nulls().n_unique()  # sorts after every named sheet
    pkey = id_.str.slice(0, 17).str.to_integer(strict=False) * 11 + pl.when(check == "X").then(
        10
    ).otherwise(check.str.to_integer(strict=False))
    frame = scope.with_columns(
        pkey.alias("pkey"),
        (
            (
                _enum_code("batch_id", scope["batch_id"]) * (null_sheet + 1)
                + _enum_code("source_sheet", sheets).fill_null(null_sheet)
            )
            * _ROW_SPAN
            + pl.col("source_row").cast(pl.Int64)
        ).alias("seq"),
    )
    if frame["pkey"].null_count():  # an ID of another shape: number the texts instead
        frame = frame.with_columns(_enum_code("id_number", scope["id_number"]).alias("pkey"))
    return frame


def _rule_codes(rules: pl.DataFrame, column: str) -> dict[str, int]:
    """Per programme, a small integer for the rule of this kind that applies to it."""
    pairs = rules.select("programme_id", column).drop_nulls().rows()
    codes = {rule: i for i, rule in enumerate(sorted({rule for _, rule in pairs}))}
    return {programme: codes[rule] for programme, rule in pairs}


def _rank_within(key: pl.Expr) -> pl.Expr:
    """1, 2, … among the rows of one key, in the frame's order."""
    return key.rank("ordinal").cast(pl.Int64) - key.rank("min").cast(pl.Int64) + 1


def window_flags(
    scope: pl.DataFrame, rules: pl.DataFrame, shared: pl.Series, bits: Mapping[FlagCode, int]
) -> pl.DataFrame:
    """The rows of the keyed scope (every training of its people, any order) with a window flag,
    and the rows whose id is in `shared` (their phone is shared): `rid` and `wflags`."""
    limits = dict(rules.select("programme_id", "yearly_limit").drop_nulls().rows())
    f = windows(scope, rules).with_columns(
        pl.col("programme_id").replace_strict(limits, default=None, return_dtype=pl.Int64)
        .alias("_limit")
    )  # fmt: skip
    flag = (
        pl.when(pl.col("yearly_n") > pl.col("_limit")).then(bits["over_yearly_limit"]).otherwise(0)
        | pl.when(pl.col("repeat_n") > 1).then(bits["repeat_occupation_level"]).otherwise(0)
        | pl.when(
            (pl.col("before_end") >= pl.col("start_date"))
            | (pl.col("next_start") <= pl.col("end_date"))
        )
        .then(bits["overlapping_classes"])
        .otherwise(0)
    )
    own = f.select("rid", flag.cast(pl.Int32).alias("wflags")).filter(pl.col("wflags") != 0)
    phones = (
        pl.DataFrame({"rid": shared.cast(pl.Int64)})
        .unique()
        .with_columns(pl.lit(bits["shared_phone"], dtype=pl.Int32).alias("wflags"))
    )
    return (
        pl.concat([own.with_columns(pl.col("rid").cast(pl.Int64)), phones])
        .group_by("rid")
        .agg(pl.col("wflags").bitwise_or())
    )


def windows(scope: pl.DataFrame, rules: pl.DataFrame) -> pl.DataFrame:
    """Per row of the keyed scope (any order): `rid`, its programme and dates, and its window
    columns (yearly_n, repeat_n, before_end, next_start)."""
    yearly = _rule_codes(rules, "yearly_rule")
    repeat = _rule_codes(rules, "repeat_rule")
    occupation_level = pl.concat_str("occupation", "level", separator="\x1f")
    levels = scope.select(occupation_level.alias("ol"))["ol"]
    n_levels = levels.n_unique() + 1
    codes = scope.select(
        "rid", "pkey", "start_date", "end_date", "seq", "programme_id",
        (
            pl.col("programme_id").replace_strict(yearly, default=None, return_dtype=pl.Int64)
            .alias("_yr")
        ),
        (
            pl.col("programme_id").replace_strict(repeat, default=None, return_dtype=pl.Int64)
            .alias("_rr")
        ),
        (pl.col("certified") & pl.col("programme_id").is_in(list(yearly))).alias("_y_on"),
        (
            pl.col("certified")
            & pl.col("programme_id").is_in(list(repeat))
            & pl.col("occupation").is_not_null()
            & (pl.col("level").fill_null("") != "")
        ).alias("_r_on"),
        occupation_level.cast(pl.Enum(levels.drop_nulls().unique().sort().to_list()))
        .to_physical().cast(pl.Int64).fill_null(n_levels - 1).alias("_ol"),
    )  # fmt: skip
    order = codes.select(pl.arg_sort_by("pkey", "start_date", "end_date", "seq"))
    f = codes[order.to_series()]
    gid = (pl.col("pkey") != pl.col("pkey").shift(1)).fill_null(True).cum_sum().cast(pl.Int64)
    f = f.with_columns(gid.alias("gid"), pl.int_range(pl.len(), dtype=pl.Int64).alias("_idx"))
    same_next = pl.col("gid").shift(-1) == pl.col("gid")
    same_prev = pl.col("gid").shift(1) == pl.col("gid")
    # cumulative max of end dates within a person: the person packed above the day
    packed = (pl.col("gid") * _SPAN + pl.col("end_date").cast(pl.Int64)).cum_max()
    # one key per (person, rule, year) or (person, rule, occupation and level) where the rank
    # counts; a key of its own (negative) for every other row
    yearly_key = (pl.col("gid") * (len(yearly) + 1) + pl.col("_yr")) * 10_000 + pl.col(
        "start_date"
    ).dt.year().cast(pl.Int64)
    repeat_key = (pl.col("gid") * (len(repeat) + 1) + pl.col("_rr")) * n_levels + pl.col("_ol")
    alone = -1 - pl.col("_idx")
    f = f.with_columns(
        pl.when(same_next).then(pl.col("start_date").shift(-1)).alias("next_start"),
        pl.when(same_prev)
        .then((packed.shift(1) - pl.col("gid") * _SPAN).cast(pl.Int32).cast(pl.Date))
        .alias("before_end"),
        pl.when("_y_on")
        .then(_rank_within(pl.when("_y_on").then(yearly_key).otherwise(alone)))
        .alias("yearly_n"),
        pl.when("_r_on")
        .then(_rank_within(pl.when("_r_on").then(repeat_key).otherwise(alone)))
        .alias("repeat_n"),
    )
    return f.select(
        "rid",
        "programme_id",
        "start_date",
        "end_date",
        "yearly_n",
        "repeat_n",
        "before_end",
        "next_start",
    )
