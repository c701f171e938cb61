"""The 补贴审核 page's data: targets.subsidy behind st.cache_data, and the flagged list's file.

The page's data step (`audit`) reads only the loads' marts, never `audit` or `records`: those of
every place together (audit_counts, audit_money and their month tables) for the programmes whose
document lies inside the user's region, the place marts (audit_place_counts, audit_place_events by
the places of audit_money_places, and the summary for the trainings without a flag) filtered to
the region for a document covering more than it (targets.subsidy). Every function takes the
signed-in user's region. The flagged list, which reads `records`, is made only when its
download button is clicked.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import streamlit as st

from access.accounts import User
from access.exceptions import NotAllowed
from catalogue.loader import Catalogue, load_catalogue
from catalogue.region_scope import RegionScope
from catalogue.rules import FLAG_LABELS, FLAGS
from dashboard.auth import log
from dashboard.source import CatalogueKey, Reader, WarehouseId
from etl.privacy import formula_safe
from targets import marts, subsidy
from targets.exceptions import WarehouseUnavailable
from ui.i18n import Lang, t

_data = st.cache_data(show_spinner=False, max_entries=64)


@dataclass(frozen=True)
class AuditData:
    """What the page shows for one region (quota ids), year and institution."""

    totals: dict[str, float]  # amount, payable, withheld, lapsed, records, flagged, ineligible
    why: pl.DataFrame  # condition, withheld, waiting: what is withheld and why
    flags: pl.DataFrame  # flag, flagged, excluded: trainings per flag
    institutions: pl.DataFrame  # worst first: records, flagged, flagged_share, ineligible, money


def _catalogue() -> Catalogue:
    return load_catalogue()


@_data
def options(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    as_of: date,
    scope: tuple[str, ...],
    _r: Reader,
) -> tuple[list[int], list[str]]:
    """Years (newest first) and institutions with records in scope inside the region."""
    return subsidy.options(_r.con, list(scope), as_of, region, _catalogue())


@_data
def audit(
    wid: WarehouseId,
    ckey: CatalogueKey,
    region: RegionScope,
    as_of: date,
    scope: tuple[str, ...],
    year: int | None,
    institution: str | None,
    _r: Reader,
) -> AuditData:
    cat = _catalogue()
    ids = list(scope)
    counts = subsidy.flag_counts(
        _r.con, cat, as_of, ids, region, year=year, institution=institution
    )
    money = subsidy.money(_r.con, cat, as_of, ids, region, year=year, institution=institution)
    by_inst = money.group_by("institution").agg(pl.col("payable", "withheld", "lapsed").sum())
    institutions = (
        counts.join(by_inst, on="institution", how="left", nulls_equal=True)
        .with_columns(pl.col("payable", "withheld", "lapsed").fill_null(0.0))
        .with_columns((pl.col("payable") + pl.col("withheld")).alias("amount"))
    )
    totals = {
        k: float(institutions.get_column(k).sum())
        for k in ("records", "flagged", "ineligible", "amount", "payable", "withheld", "lapsed")
    }
    why = (
        money.filter(pl.col("withheld") > 0)
        .group_by("condition")
        .agg(pl.col("withheld", "waiting").sum())
        .sort("withheld", descending=True)
    )
    flags = pl.DataFrame(
        {
            "flag": list(FLAGS),
            "flagged": [int(institutions.get_column(c).sum()) for c in FLAGS],
            "excluded": [int(institutions.get_column(f"{c}_excluded").sum()) for c in FLAGS],
        }
    ).sort("flagged", descending=True)
    return AuditData(totals, why, flags, institutions)


def flagged_file(
    path: Path, region: RegionScope, scope: tuple[str, ...], year: int | None,
    institution: str | None, as_of: date, lang: Lang,
) -> bytes:  # fmt: skip
    """The flagged trainings as a UTF-8 CSV (with BOM, for Excel): IDs and phones masked, every
    text cell formula-safe. Runs on its own read-only connection (a download's thread)."""
    with marts.warehouse(path) as con:
        frame = subsidy.flagged(
            con,
            _catalogue(),
            list(scope),
            region,
            year=year,
            institution=institution,
            as_of=as_of,
        )
    labels = {code: FLAG_LABELS[code][1 if lang == "en" else 0] for code in FLAGS}
    sep = "; " if lang == "en" else "、"
    out = frame.select(
        pl.col("programme_id").alias(t("programme", lang)),
        pl.col("name").alias("姓名 Name"),
        pl.col("id_masked").alias("身份证号 ID"),
        pl.col("phone_masked").alias("联系电话 Phone"),
        pl.col("start_date").cast(pl.String).alias("开班日期 Start"),
        pl.col("end_date").cast(pl.String).alias("结业日期 End"),
        pl.col("institution").alias(t("col_institution", lang)),
        pl.col("occupation").alias("工种 Occupation"),
        pl.col("level").alias("等级 Level"),
        pl.col("flags")
        .list.eval(pl.element().replace_strict(labels))
        .list.join(sep)
        .alias(t("col_flag", lang)),
        pl.col("flags").list.join(",").alias(t("col_flag_code", lang)),
        pl.when(pl.col("ineligible"))
        .then(pl.lit(t("subsidy_excluded", lang)))
        .otherwise(pl.lit(""))
        .alias(t("col_ineligible", lang)),
    )
    out = out.with_columns(formula_safe(pl.col(c)).alias(c) for c in out.columns)
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())
    out.write_csv(buffer)
    return buffer.getvalue()


def flagged_download(
    path: Path, user: User, scope: tuple[str, ...], year: int | None, institution: str | None,
    as_of: date, lang: Lang, file_name: str,
) -> bytes:  # fmt: skip
    """flagged_file() of the user's region for their download (not for a viewer: record-level),
    written to the audit log with its rows."""
    if not user.may("download"):
        raise NotAllowed(user.name, "download")
    data = flagged_file(path, user.scope, scope, year, institution, as_of, lang)
    rows = pl.read_csv(io.BytesIO(data), infer_schema=False).height
    log(user, "download", file_name, rows, year=year, institution=institution)
    return data


@_data
def flagged_shares(
    wid: WarehouseId, ckey: CatalogueKey, region: RegionScope, as_of: date,
    scope: tuple[str, ...], year: int, _r: Reader,
) -> pl.DataFrame:  # fmt: skip
    """institution, flagged_share, ineligible_share: for the Institutions page (no rows on a
    warehouse whose loads did not keep the audit yet)."""
    try:
        return subsidy.flagged_shares(_r.con, _catalogue(), list(scope), year, as_of, region)
    except WarehouseUnavailable:
        names = ("institution", "flagged_share", "ineligible_share")
        return pl.DataFrame(
            schema=dict(zip(names, (pl.String, pl.Float64, pl.Float64), strict=True))
        )
