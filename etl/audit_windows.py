"""The subsidy audit's per-person windows, in Polars over narrow rows sorted once (etl/audit.py).

For each record of the scope (every record, or the records of the people a batch touches):
`yearly_n` and `repeat_n` (its rank among the person's certified trainings of one yearly or
no-repeat rule, by start date), `before_end` (the latest end date of the person's earlier
trainings), `next_start` (the start date of the next one) and `shared` (its phone is on more than
the limit's trainees of one institution in one year). etl/sql/audit_records.sql judges the rest.
"""

from __future__ import annotations

import duckdb
import polars as pl

# The order of a person's trainings, as the SQL windows had it (DuckDB sorts nulls last).
ORDER = "id_number, start_date, end_date, batch_id, source_sheet, source_row"
PHONE_KEY = ["institution", "year", "phone"]
_SPAN = 10_000_000  # more days than any date's offset from 1970: packs (person, day) in one int


def arrow_frame(
    con: duckdb.DuckDBPyConnection, query: str, params: list[object] | None = None
) -> pl.DataFrame:
    """A query's rows as a Polars frame, through Arrow."""
    rel = con.sql(query, params=params or [])
    assert rel is not None  # a query that reads
    frame = pl.from_arrow(rel.to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame


def phone_groups(scope: pl.DataFrame) -> pl.DataFrame:
    """The scope's distinct (institution, year of start, phone), phone and institution known."""
    return (
        scope.lazy()
        .filter(pl.col("phone").is_not_null() & pl.col("institution").is_not_null())
        .select("institution", pl.col("start_date").dt.year().alias("year"), "phone")
        .unique()
        .collect()
    )


def shared_phones(scope: pl.DataFrame, limit: int) -> pl.DataFrame:
    """The scope's phone groups with more than `limit` trainees, counted within the scope (every
    record: a full judging; rows sorted by ORDER)."""
    return (
        scope.lazy()
        .with_columns(_person().alias("_person"))
        .filter(pl.col("phone").is_not_null() & pl.col("institution").is_not_null())
        .group_by(pl.col("institution"), pl.col("start_date").dt.year().alias("year"), "phone")
        .agg(pl.col("_person").n_unique().alias("people"))
        .filter(pl.col("people") > limit)
        .select(PHONE_KEY)
        .collect()
    )


def _person() -> pl.Expr:
    """1, 2, … per person, on rows sorted by ORDER."""
    new = pl.col("id_number") != pl.col("id_number").shift(1)
    return new.fill_null(True).cum_sum().cast(pl.Int64)


def _code(name: str | pl.Expr) -> pl.Expr:
    """An integer per distinct text (equal texts, equal codes; no order): cheap to sort or
    group on."""
    expr = pl.col(name) if isinstance(name, str) else name
    return expr.cast(pl.Categorical).to_physical().cast(pl.Int64)


def _rank_within(key: pl.Expr) -> pl.Expr:
    """1, 2, … among the rows of one key, in the frame's order."""
    return key.rank("ordinal").cast(pl.Int64) - key.rank("min").cast(pl.Int64) + 1


def shared_phones_in(
    con: duckdb.DuckDBPyConnection, scope: pl.DataFrame, limit: int
) -> pl.DataFrame:
    """The scope's phone groups with more than `limit` trainees among every record."""
    groups = phone_groups(scope)
    con.register("audit_phone_groups", groups.to_arrow())
    try:
        frame = arrow_frame(
            con,
            "select r.institution, year(r.start_date) as year, r.phone from records as r "
            "semi join audit_phone_groups as g on r.institution = g.institution "
            "and r.phone = g.phone and year(r.start_date) = g.year "
            "group by all having count(distinct r.id_number) > ?",
            [limit],
        )
    finally:
        con.unregister("audit_phone_groups")
    return frame.with_columns(pl.col("year").cast(pl.Int32))


def windows(scope: pl.DataFrame, rules: pl.DataFrame, shared: pl.DataFrame) -> pl.DataFrame:
    """The scope's rows (sorted by ORDER: DuckDB sorts them as it reads) with the window columns
    added."""
    cols = scope.columns
    rule_keys = rules.select("programme_id", "yearly_rule", "repeat_rule")
    year = pl.col("start_date").dt.year().cast(pl.Int32)
    f = (
        scope.lazy()
        .join(rule_keys.lazy(), on="programme_id", how="left", maintain_order="left")
        .with_columns(
            year.alias("year"),
            _person().alias("gid"),
            pl.int_range(pl.len(), dtype=pl.Int64).alias("_idx"),
        )
    )
    same_next = pl.col("gid").shift(-1) == pl.col("gid")
    same_prev = pl.col("gid").shift(1) == pl.col("gid")
    # cumulative max of end dates within a person: the person packed above the day
    packed = (pl.col("gid") * _SPAN + pl.col("end_date").cast(pl.Int64)).cum_max()
    yearly_on = pl.col("certified") & pl.col("yearly_rule").is_not_null()
    repeat_on = (
        pl.col("certified")
        & pl.col("repeat_rule").is_not_null()
        & pl.col("occupation").is_not_null()
        & (pl.col("level").fill_null("") != "")
    )
    # one key per (person, rule, …) where the rank counts; a key of its own for every other row
    yearly_key = pl.col("gid") * 2**32 + _code(
        pl.concat_str(pl.col("yearly_rule"), year.cast(pl.String), separator="\x1f")
    )
    repeat_key = pl.col("gid") * 2**32 + _code(
        pl.concat_str(pl.col("repeat_rule"), pl.col("occupation"), pl.col("level"),
                      separator="\x1f")
    )  # fmt: skip
    alone = -1 - pl.col("_idx")
    f = f.with_columns(
        pl.when(same_next).then(pl.col("start_date").shift(-1)).alias("next_start"),
        pl.when(same_prev)
        .then((packed.shift(1) - pl.col("gid") * _SPAN).cast(pl.Int32).cast(pl.Date))
        .alias("before_end"),
        pl.when(yearly_on)
        .then(_rank_within(pl.when(yearly_on).then(yearly_key).otherwise(alone)))
        .alias("yearly_n"),
        pl.when(repeat_on)
        .then(_rank_within(pl.when(repeat_on).then(repeat_key).otherwise(alone)))
        .alias("repeat_n"),
    )
    f = f.join(
        shared.lazy().with_columns(pl.col("year").cast(pl.Int32), pl.lit(True).alias("shared")),
        on=PHONE_KEY,
        how="left",
        maintain_order="left",
    )
    return f.select(
        *cols,
        "yearly_n",
        "repeat_n",
        "before_end",
        "next_start",
        pl.col("shared").fill_null(False),
    ).collect()
