"""The subsidy audit, kept by every load in its own transaction (CONTRACT §5).

A record is judged against the rules of its own programme (catalogue.rules): its flags, whether a
flag excludes it from subsidy, and its money by part (etl/sql/audit_judged.sql). Loads keep what
the reads need, never a row per record: the flagged records (`audit`, for the flags list and its
download) and the marts, by day and place (audit_place_counts; audit_place_events, the money by
the ids of audit_money_places) and of every place together by day and month (audit_counts,
audit_money, audit_*_months). The place counts keep the flagged records only: a record without
a flag is counted as the summary's trainings less the flagged ones (by the marts of every place
together when they are written, by the region's reads otherwise).

The first load into a warehouse without an audit, and the first load after the rules changed,
judge every record and write the marts whole. A later load judges only the people it touches —
its own, and everyone sharing a phone with them at one institution in one year — twice: as they
are now, and as they were before it (without its records), and adds the difference to the place
marts; the other marts are summed again for the (programme, institution, year) keys it touched.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import duckdb
import polars as pl

from catalogue.loader import Catalogue
from catalogue.rules import FLAG_BITS, SHARED_PHONE_LIMIT, Rule, exclusion_mask, rules_for
from etl.audit_windows import SCOPE_COLUMNS, arrow_frame, keyed, window_flags
from etl.statements import sql
from warehouse.store import create_schema

_RULE_SCHEMA: dict[str, Any] = {
    "programme_id": pl.String,
    "yearly_rule": pl.String,
    "yearly_limit": pl.Int64,
    "repeat_rule": pl.String,
    "cert_required": pl.Boolean,
    "max_age": pl.Int64,
    "max_days": pl.Int64,
    "rate": pl.Float64,
    "after_days": pl.Int64,
    "later_rate": pl.Float64,
    "max_paid_days": pl.Int64,
    "per_person": pl.Float64,
    "first_share": pl.Float64,
    "rest_on": pl.String,
    "rest_months": pl.Int64,
    "grant_amount": pl.Float64,
    "grant_months": pl.Int64,
    "grant_categories": pl.List(pl.String),
    "excl_mask": pl.Int32,
}
_LEVEL_SCHEMA = {"programme_id": pl.String, "level": pl.String, "amount": pl.Float64}


def rule_tables(cat: Catalogue) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per programme, the parameters of the rules that apply to it; and its amounts by level."""
    rows: list[dict[str, Any]] = []
    levels: list[dict[str, Any]] = []
    for q in cat.quotas:
        applied = rules_for(q.id, cat.rules)
        if not applied:
            continue
        row: dict[str, Any] = {"programme_id": q.id}
        for rule in applied.values():
            row.update(_columns(rule))
        row["excl_mask"] = exclusion_mask(q.id, cat.rules)
        rows.append(row)
        if "level_amount" in applied:
            for level, amount in applied["level_amount"].params["amounts"].items():
                for spelling in sorted({level, level.removesuffix("工") or level}):
                    levels.append({"programme_id": q.id, "level": spelling, "amount": amount})
    return pl.DataFrame(rows, schema=_RULE_SCHEMA), pl.DataFrame(levels, schema=_LEVEL_SCHEMA)


def _columns(rule: Rule) -> dict[str, Any]:
    """The audit_rules columns one rule sets."""
    p = rule.params
    match rule.kind:
        case "yearly_limit":
            return {"yearly_rule": rule.id, "yearly_limit": p["limit"]}
        case "no_repeat_level":
            return {"repeat_rule": rule.id}
        case "certificate_required":
            return {"cert_required": True}
        case "max_age":
            return {"max_age": p["age"]}
        case "max_days":
            return {"max_days": p["days"]}
        case "daily_rate":
            keys = ("rate", "after_days", "later_rate", "max_paid_days")
            return {k: p.get(k) for k in keys}
        case "per_person":
            return {"per_person": p["amount"]}
        case "employment_tranche":
            return {"first_share": p["share"], "rest_on": "employment", "rest_months": p["months"]}
        case "advance":
            return {"first_share": p["share"], "rest_on": p["rest_on"]}
        case "employment_grant":
            return {
                "grant_amount": p["amount"],
                "grant_months": p["months"],
                "grant_categories": list(p["categories"]),
            }
    return {}  # level_amount: audit_levels


def rules_digest(cat: Catalogue) -> str:
    """Changes when any rule that decides flags or money changes."""
    frames = rule_tables(cat)
    text = json.dumps([f.rows() for f in frames], default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def refresh(con: duckdb.DuckDBPyConnection, batch_id: str, cat: Catalogue) -> None:
    """Judge the batch's people again (or every record) and correct the marts' rows they touch;
    in the caller's transaction, after the batch's records are deduplicated."""
    create_schema(con)  # the audit's tables, in a warehouse made before them
    judging = _prepare(con, cat)
    digest = rules_digest(cat)
    stored = con.execute("select max(rules_digest) from audit_state").fetchall()[0]
    judged = _count(con, "select sum(records) from audit_counts")
    before = _count(con, "select count(*) from records where batch_id <> ?", [batch_id])
    months = _count(con, "select count(*) from audit_counts_months")
    if stored[0] != digest or judged != before or (judged > 0 and months == 0):
        _judge_everyone(con, judging)
    else:
        _judge_batch_people(con, judging, batch_id)
    con.execute(sql("insert_audit_marts"))
    con.execute("delete from audit_state")
    con.execute("insert into audit_state values (?)", [digest])


@dataclass(frozen=True)
class _Judging:
    """What a judging needs beside the temp tables: the rules by programme (audit_rules's rows),
    the programmes that pay anything, and those whose records can have a flag of their own
    (`flaggable`)."""

    rules: pl.DataFrame
    paying: list[str]
    flaggable: dict[str, list[str]]


def _prepare(con: duckdb.DuckDBPyConnection, cat: Catalogue) -> _Judging:
    """The temp tables the judging reads (the rules, the amounts by level, the flag bits) and
    the empty deltas; the rules, and the programmes that pay anything."""
    rules, levels = rule_tables(cat)
    bits = pl.DataFrame({flag: [bit] for flag, bit in FLAG_BITS.items()}, schema_overrides={
        flag: pl.Int32 for flag in FLAG_BITS
    })  # fmt: skip
    for name, frame in (("audit_rules", rules), ("audit_levels", levels), ("audit_bits", bits)):
        con.register("incoming_rules", frame.to_arrow())
        con.execute(f"create or replace temp table {name} as select * from incoming_rules")
        con.unregister("incoming_rules")
    con.execute(sql("audit_delta_tables"))
    return _Judging(rules, paying(rules, levels), flaggable(rules))


def judge_every_record(con: duckdb.DuckDBPyConnection, cat: Catalogue) -> None:
    """Every record judged, one row each, in the temp table `audit_every` (the columns of
    `audit` and the money by part): what the loads' marts sum, for checks and for an older
    warehouse's audit."""
    rules = _prepare(con, cat).rules
    con.execute("create or replace temp view audit_scope as select rowid as rid, * from records")
    _register_window_flags(con, rules, None, people_only=False)
    try:
        con.execute(judged_statement("audit_every"))
    finally:
        con.unregister("audit_window_flags")


# The money judges only the records of the programmes that pay anything ($paying): the others
# (Zhejiang's and Linshu's, with no amounts) add no money event.
PAYING_SCOPE = "(select * from audit_scope where list_contains($paying, programme_id))"


def judged_statement(name: str, target: str = "", scope: str = "audit_scope") -> str:
    """A statement of etl/sql that sums or keeps the judged records (etl/sql/audit_judged.sql) of
    `scope`, into the table `target` where it names one (both our own constants)."""
    judged = sql("audit_judged").strip().replace("@scope", scope)
    return sql(name).replace("@judged", judged).replace("@target", target)


# The flagged records are kept from the records that can have a flag: a window flag, an
# uncertified training where a certificate is required, or any training where an age or a
# length is capped. At 3M records, most are certified trainings of a programme with neither cap.
FLAGGABLE_SCOPE = (
    "(select * from audit_scope where rid in (select rid from audit_window_flags) "
    "or (not certified and list_contains($certificate, programme_id)) "
    "or list_contains($capped, programme_id))"
)


def flaggable(rules: pl.DataFrame) -> dict[str, list[str]]:
    """The programmes that flag an uncertified training (`certificate`) and those that cap an
    age or a length (`capped`): FLAGGABLE_SCOPE's parameters."""
    certificate = rules.filter(pl.col("cert_required").fill_null(False))["programme_id"]
    capped = rules.filter(pl.any_horizontal(pl.col("max_age", "max_days").is_not_null()))
    return {
        "certificate": sorted(certificate.to_list()),
        "capped": sorted(capped["programme_id"].to_list()),
    }


def paying(rules: pl.DataFrame, levels: pl.DataFrame) -> list[str]:
    """The programmes whose rules give an amount: a daily rate, a sum per person or by level, a
    grant."""
    pays = rules.filter(
        pl.any_horizontal(pl.col("rate", "per_person", "grant_amount").is_not_null())
    )["programme_id"]
    return sorted({*pays.to_list(), *levels["programme_id"].to_list()})


def _judge(con: duckdb.DuckDBPyConnection, judging: _Judging, sign: int, keep_flagged: bool,
           exclude_batch: str | None = None, people_only: bool = False,
           marts: tuple[str, str] | None = ("audit_delta_counts", "audit_delta_money"),
           ) -> None:  # fmt: skip
    """Judge the records of `audit_scope` and add their counts and money, times `sign`, to the
    deltas (or the place marts themselves: `marts`; None: the money to audit_place_events and no
    counts), the money by the ids of audit_money_places (_number_places first); keep the
    flagged ones in `audit` if asked. The window flags: _register_window_flags."""
    _register_window_flags(con, judging.rules, exclude_batch, people_only)
    money = {"sign": sign, "paying": judging.paying}
    try:
        if marts is None:
            con.execute(
                judged_statement("audit_delta_money", "audit_place_events", PAYING_SCOPE), money
            )
        else:
            con.execute(judged_statement("audit_delta_counts", marts[0]), {"sign": sign})
            con.execute(judged_statement("audit_delta_money", marts[1], PAYING_SCOPE), money)
        if keep_flagged:
            con.execute(judged_statement("audit_flagged", scope=FLAGGABLE_SCOPE), judging.flaggable)
    finally:
        con.unregister("audit_window_flags")


def _number_places(con: duckdb.DuckDBPyConnection, judging: _Judging) -> None:
    """Give the places of `audit_scope`'s paying records that have none an id in
    audit_money_places: the money is summed and kept by it, an integer, not by six texts."""
    con.execute(sql("audit_money_places"), {"paying": judging.paying})


def _register_window_flags(
    con: duckdb.DuckDBPyConnection,
    rules: pl.DataFrame,
    exclude_batch: str | None,
    people_only: bool,
) -> None:
    """Register `audit_window_flags` for the records of `audit_scope`. When `people_only` (the
    scope is the touched people's records), every one of them is windowed and their phones are
    counted over every record but those of `exclude_batch`; otherwise (the scope is every
    record) the candidates are found first (_candidates_of_all)."""
    if people_only:
        scope = keyed(arrow_frame(con, "select " + SCOPE_COLUMNS + " from audit_scope"))
        params: dict[str, object] = {"limit": SHARED_PHONE_LIMIT, "exclude_batch": exclude_batch}
        shared = arrow_frame(con, sql("audit_shared_scope"), params)["rid"]
    else:
        scope, shared = _candidates_of_all(con)
    con.register("audit_window_flags", window_flags(scope, rules, shared, FLAG_BITS).to_arrow())


def _candidates_of_all(con: duckdb.DuckDBPyConnection) -> tuple[pl.DataFrame, pl.Series]:
    """Over every record: the keyed trainings of the people with two or more (the only ones a
    window flag can fall on), and the row ids of the records whose phone is on more than the
    limit's trainees of its institution in its start year (shared_phone).

    Both are found on hashed integers (etl/sql/audit_candidate_keys.sql), sorted in Polars:
    grouping three million keys, nearly all of them alone, costs DuckDB several times as much.
    A hash shared by chance only adds a candidate: the candidates' own fields are then read and
    the windows key people by their ID, and the phones count distinct IDs on the texts."""
    keys = arrow_frame(con, sql("audit_candidate_keys"))
    people = _repeated(keys, "person_hash", 1)
    phones = _repeated(keys, "phone_hash", SHARED_PHONE_LIMIT)
    candidates = pl.DataFrame({"rid": pl.concat([people, phones]).unique()})
    con.register("audit_candidates", candidates.to_arrow())
    try:
        rows = arrow_frame(con, sql("audit_candidate_rows"))
    finally:
        con.unregister("audit_candidates")
    scope = keyed(rows.join(pl.DataFrame({"rid": people}), on="rid", how="semi"))
    group = ("institution", "year", "phone")
    shared = (
        rows.join(pl.DataFrame({"rid": phones}), on="rid", how="semi")
        .with_columns(pl.col("start_date").dt.year().alias("year"))
        .filter(pl.col("id_number").n_unique().over(group) > SHARED_PHONE_LIMIT)
    )["rid"]
    return scope.drop("institution", "phone"), shared


def _repeated(keys: pl.DataFrame, column: str, more_than: int) -> pl.Series:
    """The `rid` of the rows whose `column` (a hash; null: none) is on more than `more_than`
    rows: the sorted keys' neighbours find the repeated ones, then those are counted."""
    key = pl.col(column)
    repeated = (
        keys.lazy()
        .select("rid", column)
        .filter(key.is_not_null())
        .sort(column)
        .filter((key == key.shift(1)) | (key == key.shift(-1)))
        .filter(pl.len().over(column) > more_than)
        .collect()
    )
    return repeated["rid"]


def _judge_everyone(con: duckdb.DuckDBPyConnection, judging: _Judging) -> None:
    """Judge every record: the flagged ones and every mart written whole."""
    for table in MARTS:  # our own constants
        con.execute(f"delete from {table}")
    con.execute("delete from audit")
    con.execute("create or replace temp view audit_scope as select rowid as rid, * from records")
    _number_places(con, judging)
    _judge(con, judging, 1, keep_flagged=True, marts=None)
    con.execute(sql("audit_place_counts_whole"))
    con.execute(  # every key with records, flagged or not
        "create or replace temp table audit_mart_keys as select distinct programme_id, "
        "institution, year(end_date) as year from summary"
    )


def _judge_batch_people(con: duckdb.DuckDBPyConnection, judging: _Judging, batch_id: str) -> None:
    """Judge the batch's people as they are now and as they were before it; add the difference
    to the place marts and keep their flagged records."""
    con.execute(sql("audit_people"), {"batch_id": batch_id})
    con.execute(
        "create or replace temp table audit_people_records as select rowid as rid, * "
        "from records semi join audit_people as p on records.id_number = p.id_number"
    )
    con.execute("create or replace temp view audit_scope as select * from audit_people_records")
    con.execute(
        "delete from audit as a using audit_people_records as p where a.batch_id = p.batch_id "
        "and a.source_row = p.source_row and a.source_sheet is not distinct from p.source_sheet"
    )
    _number_places(con, judging)  # as they are now: every place they had before too
    _judge(con, judging, 1, keep_flagged=True, people_only=True)
    con.execute("delete from audit_people_records where batch_id = ?", [batch_id])
    _judge(con, judging, -1, keep_flagged=False, exclude_batch=batch_id, people_only=True)
    con.execute(
        "create or replace temp table audit_mart_keys as select distinct programme_id, "
        "institution, year(end_date) as year from audit_delta_counts"
    )
    con.execute(sql("audit_merge_place_marts"))
    for table, year in DERIVED_MARTS.items():  # our own constants
        con.execute(
            f"delete from {table} as m where exists (select 1 from audit_mart_keys as k "
            "where k.programme_id = m.programme_id and k.institution is not distinct from "
            f"m.institution and k.year = {year})"
        )


# The marts a full judging writes whole; the ones summed from the place marts, with the year of
# their (programme, institution, year) key.
DERIVED_MARTS = {
    "audit_counts": "year(m.end_date)",
    "audit_money": "m.year",
    "audit_counts_months": "year(m.end_month)",
    "audit_money_months": "m.year",
}
MARTS = ("audit_place_counts", "audit_place_events", *DERIVED_MARTS)


def _count(con: duckdb.DuckDBPyConnection, query: str, params: list[Any] | None = None) -> int:
    rows = con.execute(query, params or []).fetchall()  # read whole: no result left open
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0
