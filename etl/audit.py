"""The subsidy audit, kept by every load in its own transaction (CONTRACT §5).

After a batch lands, the records of the people it touches — its own people, and everyone sharing
a phone with them at one institution in one year — are judged again against the rules of their
own programme (catalogue.rules): their flags, whether a flag excludes them from subsidy, and their
money by part. Then the marts the pages and CLIs read are corrected from `audit`: by day and
place (audit_place_*, for a user below a document's region), by day and by month of every place
together (audit_counts, audit_money, audit_*_months). The first load into a warehouse without an
audit, and the first load after the rules changed, judge every record.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import duckdb
import polars as pl

from catalogue.loader import Catalogue
from catalogue.rules import FLAG_BITS, SHARED_PHONE_LIMIT, Rule, exclusion_mask, rules_for
from etl.audit_windows import (
    SCOPE_COLUMNS,
    arrow_frame,
    keyed,
    shared_phones,
    shared_phones_in,
    windows,
)
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
    rules, levels = rule_tables(cat)
    for name, frame in (("audit_rules", rules), ("audit_levels", levels)):
        con.register("incoming_rules", frame.to_arrow())
        con.execute(f"create or replace temp table {name} as select * from incoming_rules")
        con.unregister("incoming_rules")
    digest = rules_digest(cat)
    stored = con.execute("select max(rules_digest) from audit_state").fetchall()[0]
    judged = _count(con, "select count(*) from audit")
    before = _count(con, "select count(*) from records where batch_id <> ?", [batch_id])
    months = _count(con, "select count(*) from audit_counts_months")
    full = stored[0] != digest or judged != before or (judged > 0 and months == 0)
    if full:
        scope = keyed(arrow_frame(con, f"select {SCOPE_COLUMNS} from records"))
        shared = shared_phones(scope, SHARED_PHONE_LIMIT)
    else:
        con.execute(sql("audit_people"), {"batch_id": batch_id})
        scope = keyed(
            arrow_frame(
                con,
                f"select {SCOPE_COLUMNS} from records "
                "semi join audit_people as p on records.id_number = p.id_number",
            )
        )
        shared = shared_phones_in(con, scope, SHARED_PHONE_LIMIT)
    con.register("audit_windows", windows(scope, rules, shared).to_arrow())
    try:
        if full:
            con.execute("delete from audit")
        else:
            _touched_keys(con)
            con.execute("delete from audit where id_number in (select id_number from audit_people)")
        con.execute(sql("audit_records"), dict(FLAG_BITS))
    finally:
        con.unregister("audit_windows")
    _marts(con, full)
    con.execute("delete from audit_state")
    con.execute("insert into audit_state values (?)", [digest])


def _touched_keys(con: duckdb.DuckDBPyConnection) -> None:
    """The (programme, institution, end year) keys of the judged people's rows, before and after:
    the marts' rows a later load corrects (temp table audit_mart_keys)."""
    con.execute(
        "create or replace temp table audit_mart_keys as "
        "select programme_id, institution, year(end_date) as year from audit "
        "where id_number in (select id_number from audit_people) "
        "union select r.programme_id, r.institution, year(r.end_date) from records as r "
        "semi join audit_windows as w on r.rowid = w.rid"
    )


def _marts(con: duckdb.DuckDBPyConnection, full: bool) -> None:
    """Rebuild the marts whole (every record judged), or delete and insert their rows of the
    touched keys: the place tables from those keys' audit rows, the others each from the one
    before it (insert_audit_marts.sql)."""
    match = (
        "k.programme_id = {t}.programme_id and k.institution is not distinct from "
        "{t}.institution and k.year = {y}"
    )
    years = {
        "audit_place_counts": "year(m.end_date)",
        "audit_place_money": "m.year",
        "audit_counts": "year(m.end_date)",
        "audit_money": "m.year",
        "audit_counts_months": "year(m.end_month)",
        "audit_money_months": "m.year",
    }
    if full:
        for table in years:  # our own constants
            con.execute(f"delete from {table}")
        con.execute("create or replace temp view audit_mart_scope as select * from audit")
        con.execute(
            "create or replace temp table audit_mart_keys as select distinct programme_id, "
            "institution, year(end_date) as year from audit"
        )
    else:
        for table, year in years.items():  # our own constants
            con.execute(
                f"delete from {table} as m where exists (select 1 from audit_mart_keys as k "
                f"where {match.format(t='m', y=year)})"
            )
        con.execute(
            "create or replace temp view audit_mart_scope as select a.* from audit as a "
            "semi join audit_mart_keys as k on " + match.format(t="a", y="year(a.end_date)")
        )
    con.execute(sql("insert_audit_marts"))


def _count(con: duckdb.DuckDBPyConnection, query: str, params: list[Any] | None = None) -> int:
    rows = con.execute(query, params or []).fetchall()  # read whole: no result left open
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0
