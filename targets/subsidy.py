"""The subsidy audit's read side (CONTRACT §5): flagged trainings, and money at an as-of date.

Loads keep the audit (etl/audit.py): the flagged records with their flags (`audit`), and the
marts — the records by flags, and the money's events by day. Here they are read for a set of
programmes:

* `money`: per institution, programme and condition, what is payable at the as-of date, what is
  withheld (waiting on the condition) and what lapsed (the condition can no longer be met).
  A Linshu project's rest (`project_employment`) is released when the project — one
  institution's trainings of the programme ended by then — reaches its employment rate.
* `subsidies`: the contract's rows, per institution and programme; amount = payable + withheld.
* `flag_counts`: per institution, the trainings each flag marks and how many it excludes.
* `flagged`: the flagged trainings themselves, IDs and phones masked.

Each takes the signed-in user's region (catalogue.region_scope.RegionScope). A region's figures
take the marts of every place together for the programmes whose document lies inside the region
(all their records do), and the loads' place marts (audit_place_counts; audit_place_events by
the ids of audit_money_places: by day, province, city, county and town), filtered to the region
bound as parameters, for the rest — a province-wide document's programmes for a city's user,
every programme for a town's (subsidy_*_places.sql). The place counts keep the flagged records
only; those reads count the others as the summary's trainings inside the region less the flagged
ones.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import polars as pl

from catalogue.loader import Catalogue
from catalogue.region_scope import RegionScope
from catalogue.rules import FLAG_BITS, FLAGS, exclusion_mask, rules_for
from targets.exceptions import NotAudited
from targets.marts import sql

CONDITIONS = (
    "on_completion",
    "employment",
    "certificate",
    "project_employment",
    "employment_grant",
)
MONEY = ("payable", "withheld", "lapsed")
SUBSIDY_COLUMNS = (
    "institution",
    "programme_id",
    "records",
    "eligible",
    "amount",
    "payable",
    "withheld",
)
_TEXT = {"institution", "programme_id", "condition", "name", "id_number", "phone", "occupation",
         "level"}  # fmt: skip
NOT_AUDITED = (
    "此数据仓库尚无补贴审核数据：再加载一次台账（python -m etl load …）即可生成。"
    " The warehouse has no subsidy audit yet: load a file once to compute it."
)
NO_INSTITUTION = "（未填写机构）"  # records without an institution, as the tables show them


def scope_of(cat: Catalogue, programme: str | None) -> list[str]:
    """The programme and its descendants; every quota when None."""
    if programme is None:
        return [q.id for q in cat.quotas]
    return [programme, *(q.id for q in cat.descendants(programme))]


def _run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: dict[str, Any],
    region: RegionScope,
    cat: Catalogue,
) -> pl.DataFrame:
    """One read, for every region from the loads' marts; for a region, those marts for the
    programmes whose document lies inside it and the place marts inside it for the rest
    (`_split`), the two parts' rows put together (each row is of one programme)."""
    if name == "subsidy_flagged":
        return _read(con, sql(name), {**params, **region.params()})
    if region.everything:
        return _read(con, sql(name), params)
    whole, part = _split(cat, params["programmes"], region)
    frames = []
    if whole or not part:
        frames.append(_read(con, sql(name), {**params, "programmes": whole}))
    if part:
        frames.append(_inside(con, name, {**params, "programmes": part, **region.params()}))
    return frames[0] if len(frames) == 1 else pl.concat(frames, how="vertical_relaxed")


def _inside(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> pl.DataFrame:
    """A read of the programmes' trainings inside the region ($scope_province … $scope_town),
    from the loads' place marts."""
    return _read(con, sql(f"{name}_places"), params)


def _split(
    cat: Catalogue, programmes: list[str], region: RegionScope
) -> tuple[list[str], list[str]]:
    """(whole, part) of the programmes for a region. Records are placed region first: every
    record of a programme lies inside its document's region (CONTRACT §2). So a programme whose
    document's region lies inside the user's (浙江省's 金蓝领 for a 浙江省 user, Linshu's for a
    临沭县 user) has all its records inside it and the marts count it whole; one whose document
    covers more than the region (金蓝领 for a 西湖区 user, any quota for a town's user) is counted
    from the place marts inside the region; the others have no record inside it."""
    whole: list[str] = []
    part: list[str] = []
    scope = region.parts()
    for pid in programmes:
        if pid not in cat:  # not the catalogue's (yet): counted from the place marts
            part.append(pid)
            continue
        quota = cat.get(pid)
        own = (quota.region.province, quota.region.city, quota.region.county, None)
        if all(s is None or s == o for s, o in zip(scope, own, strict=True)):
            whole.append(pid)
        elif all(o is None or s == o for s, o in zip(scope, own, strict=True)):
            part.append(pid)
    return whole, part


def _read(con: duckdb.DuckDBPyConnection, text: str, params: dict[str, Any]) -> pl.DataFrame:
    try:  # through Arrow: no Python object per value
        rel = con.sql(text, params=params)
        assert rel is not None  # a query that reads
        table = rel.to_arrow_table()
    except duckdb.CatalogException as exc:
        if "audit" not in str(exc):
            raise
        raise NotAudited("warehouse", NOT_AUDITED) from None
    names = list(table.column_names)
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    if frame.is_empty() and _never_audited(con):
        raise NotAudited("warehouse", NOT_AUDITED)
    return frame.with_columns(pl.col(c).cast(pl.String) for c in names if c in _TEXT)


def _never_audited(con: duckdb.DuckDBPyConnection) -> bool:
    """Records, but no load has judged them yet (a warehouse made before the audit)."""
    row = con.execute(
        "select (select count(*) from audit_state) = 0 and exists (select 1 from records)"
    ).fetchall()
    return bool(row and row[0][0])


def _params(
    programmes: list[str], year: int | None, institution: str | None, as_of: date | None
) -> dict[str, Any]:
    return {"programmes": programmes, "year": year, "institution": institution, "as_of": as_of}


def money(
    con: duckdb.DuckDBPyConnection,
    cat: Catalogue,
    as_of: date,
    programmes: list[str],
    region: RegionScope,
    *,
    year: int | None = None,
    institution: str | None = None,
) -> pl.DataFrame:
    """institution, programme_id, condition, payable, withheld, lapsed (yuan), waiting (records)."""
    frame = _run(con, "subsidy_money", _params(programmes, year, institution, as_of), region, cat)
    schema = {"institution": pl.String, "programme_id": pl.String, "condition": pl.String}
    if frame.is_empty():
        return pl.DataFrame(
            schema={**schema, **dict.fromkeys(MONEY, pl.Float64), "waiting": pl.Int64}
        )
    frame = frame.with_columns(
        pl.col("opened", "paid", "lapsed").cast(pl.Float64), pl.col("waiting").cast(pl.Int64)
    )
    released = _released_projects(con, cat, as_of, frame)
    frame = frame.with_columns(
        (pl.col("opened") - pl.col("paid") - pl.col("lapsed")).alias("withheld")
    ).join(released, on=["institution", "programme_id", "condition"], how="left", nulls_equal=True)
    done = pl.col("released").fill_null(False)
    return frame.select(
        "institution",
        "programme_id",
        "condition",
        pl.when(done).then(pl.col("paid") + pl.col("withheld")).otherwise("paid").alias("payable"),
        pl.when(done).then(0.0).otherwise("withheld").alias("withheld"),
        "lapsed",
        pl.when(done).then(0).otherwise("waiting").alias("waiting"),
    )


def _released_projects(
    con: duckdb.DuckDBPyConnection, cat: Catalogue, as_of: date, frame: pl.DataFrame
) -> pl.DataFrame:
    """(institution, programme_id, condition) of projects whose employment rate is reached."""
    waiting = frame.filter(pl.col("condition") == "project_employment")
    out: list[tuple[str | None, str, str]] = []
    for pid in waiting.get_column("programme_id").unique().to_list():
        rule = rules_for(pid, cat.rules).get("advance")
        if rule is None or "employment_rate" not in rule.params:
            continue
        rows = con.execute(
            "select institution, sum(employed) / sum(trained) from summary "
            "where programme_id = ? and end_date <= ? group by institution",
            [pid, as_of],
        ).fetchall()
        out += [
            (i, pid, "project_employment") for i, r in rows if r >= rule.params["employment_rate"]
        ]
    schema = dict.fromkeys(("institution", "programme_id", "condition"), pl.String)
    return pl.DataFrame(out, schema=schema, orient="row").with_columns(released=pl.lit(True))


def subsidies(
    con: duckdb.DuckDBPyConnection,
    cat: Catalogue,
    as_of: date,
    programmes: list[str],
    region: RegionScope,
) -> pl.DataFrame:
    """The contract's rows: per institution and programme, records and eligible ones ended by
    as_of, and amount = payable + withheld in yuan."""
    counts = _run(con, "subsidy_counts", _params(programmes, None, None, as_of), region, cat)
    if counts.is_empty():
        return pl.DataFrame(schema=dict.fromkeys(SUBSIDY_COLUMNS, pl.String))
    per = counts.group_by("institution", "programme_id").agg(
        pl.col("records").sum().cast(pl.Int64),
        pl.col("records").filter(~pl.col("ineligible")).sum().cast(pl.Int64).alias("eligible"),
    )
    paid = (
        money(con, cat, as_of, programmes, region)
        .group_by("institution", "programme_id")
        .agg(pl.col("payable", "withheld").sum())
    )
    out = per.join(paid, on=["institution", "programme_id"], how="left", nulls_equal=True)
    out = out.with_columns(pl.col("payable", "withheld").fill_null(0.0).round(2))
    return (
        out.with_columns((pl.col("payable") + pl.col("withheld")).round(2).alias("amount"))
        .sort("institution", "programme_id", nulls_last=True)
        .select(SUBSIDY_COLUMNS)
    )


def flag_counts(
    con: duckdb.DuckDBPyConnection,
    cat: Catalogue,
    as_of: date,
    programmes: list[str],
    region: RegionScope,
    *,
    year: int | None = None,
    institution: str | None = None,
) -> pl.DataFrame:
    """Per institution: records, flagged, ineligible, flagged_share, and per flag code the
    trainings it marks (`<code>`) and excludes from subsidy (`<code>_excluded`); worst first."""
    counts = _run(con, "subsidy_counts", _params(programmes, year, institution, as_of), region, cat)
    masks = {pid: exclusion_mask(pid, cat.rules) for pid in programmes}
    counts = counts.with_columns(
        pl.col("flags").cast(pl.Int64),
        pl.col("records").cast(pl.Int64),
        pl.col("programme_id")
        .replace_strict(masks, default=0, return_dtype=pl.Int64)
        .alias("mask"),
    )
    per_flag = []
    for code in FLAGS:
        bit = FLAG_BITS[code]
        has = (pl.col("flags") & bit) != 0
        per_flag += [
            pl.col("records").filter(has).sum().alias(code),
            pl.col("records")
            .filter(has & ((pl.col("mask") & bit) != 0))
            .sum()
            .alias(f"{code}_excluded"),
        ]
    out = counts.group_by("institution").agg(
        pl.col("records").sum(),
        pl.col("records").filter(pl.col("flags") != 0).sum().alias("flagged"),
        pl.col("records").filter(pl.col("ineligible").cast(pl.Boolean)).sum().alias("ineligible"),
        *per_flag,
    )
    out = out.with_columns((pl.col("flagged") / pl.col("records")).alias("flagged_share"))
    return out.sort(["flagged_share", "flagged", "institution"], descending=[True, True, False])


def flag_codes(flags: int) -> list[str]:
    """The codes of a flags integer, in FLAGS order."""
    return [code for code in FLAGS if flags & FLAG_BITS[code]]


def mask_phone(phone: str | None) -> str | None:
    """First 3 + **** + last 4 (CONTRACT §7)."""
    if phone is None or not phone.strip():
        return phone
    s = phone.strip()
    return s[:3] + "****" + s[-4:] if len(s) >= 8 else "****"


def mask_id(id_number: str) -> str:
    """First 6 + ******** + last 4 (CONTRACT §7)."""
    return id_number[:6] + "********" + id_number[-4:] if len(id_number) >= 10 else "********"


def flagged(
    con: duckdb.DuckDBPyConnection,
    cat: Catalogue,
    programmes: list[str],
    region: RegionScope,
    *,
    year: int | None = None,
    institution: str | None = None,
    as_of: date | None = None,
) -> pl.DataFrame:
    """The flagged trainings: programme_id, name, id_masked, phone_masked, start_date, end_date,
    institution, occupation, level, flags (a list of codes), ineligible."""
    params = _params(programmes, year, institution, as_of)
    frame = _run(con, "subsidy_flagged", params, region, cat)
    schema: dict[str, pl.DataType | type[pl.DataType]] = {
        "programme_id": pl.String, "name": pl.String, "id_masked": pl.String,
        "phone_masked": pl.String, "start_date": pl.Date, "end_date": pl.Date,
        "institution": pl.String, "occupation": pl.String, "level": pl.String,
        "flags": pl.List(pl.String), "ineligible": pl.Boolean,
    }  # fmt: skip
    if frame.is_empty():
        return pl.DataFrame(schema=schema)
    return frame.select(
        "programme_id",
        "name",
        _masked("id_number", 6, "********").alias("id_masked"),
        _masked("phone", 3, "****").alias("phone_masked"),
        "start_date",
        "end_date",
        pl.col("institution", "occupation", "level").cast(pl.String),
        pl.concat_list(
            pl.when((pl.col("flags") & FLAG_BITS[c]) != 0).then(pl.lit(c)) for c in FLAGS
        )
        .list.drop_nulls()
        .alias("flags"),
        "ineligible",
    )


def _masked(column: str, keep: int, stars: str) -> pl.Expr:
    """mask_id / mask_phone as an expression: the first `keep` characters, stars, the last 4."""
    s = pl.col(column).cast(pl.String).str.strip_chars()
    return (
        pl.when(s.is_null() | (s == ""))
        .then(s)
        .when(s.str.len_chars() >= keep + 4 + 1)
        .then(pl.concat_str([s.str.slice(0, keep), pl.lit(stars), s.str.slice(-4)]))
        .otherwise(pl.lit(stars))
    )


def options(
    con: duckdb.DuckDBPyConnection,
    programmes: list[str],
    as_of: date,
    region: RegionScope,
    cat: Catalogue,
) -> tuple[list[int], list[str]]:
    """The years (newest first) and institutions (by name) with records of these programmes
    inside the region."""
    params = _params(programmes, None, None, as_of)
    frame = _run(con, "subsidy_counts", params, region, cat)
    if frame.is_empty():
        return [], []
    institutions = frame.get_column("institution").drop_nulls().unique().sort().to_list()
    years = _run(con, "subsidy_years", params, region, cat).get_column("year")
    return sorted({int(y) for y in years.to_list()}, reverse=True), institutions


def flagged_shares(
    con: duckdb.DuckDBPyConnection,
    cat: Catalogue,
    programmes: list[str],
    year: int,
    as_of: date,
    region: RegionScope,
) -> pl.DataFrame:
    """institution, flagged_share, ineligible_share of its records inside the region that
    ended in `year`."""
    counts = flag_counts(con, cat, as_of, programmes, region, year=year)
    return counts.select(
        "institution",
        "flagged_share",
        (pl.col("ineligible") / pl.col("records")).alias("ineligible_share"),
    )
