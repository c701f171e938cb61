"""The Overview's content: its rows, one headline per plan and the "needs attention" links.

Gathers the cached queries for the page and applies targets.attention's rules; the page only
lays the result out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from dashboard import cached
from dashboard.source import WarehouseId
from dashboard.view import Context
from targets import attention
from targets.institutions import Judged, judge_institutions_many
from targets.plans import Lang, place_levels, place_names
from ui import fmt
from ui.i18n import status_label, t
from ui.labels import with_labels
from ui.plain import plain
from ui.theme import STATUS_MARKDOWN, status_key

SHOWN = 6  # links per attention list; the rest are counted


@dataclass(frozen=True)
class Link:
    """One "needs attention" entry: a page to open with the filters it sets."""

    page: str
    label: str
    params: dict[str, str]
    help: str | None = None


@dataclass
class OverviewData:
    rows: pl.DataFrame
    heads: list[dict[str, Any]]
    manual: int
    programme_links: list[Link] = field(default_factory=list)
    institution_links: list[Link] = field(default_factory=list)
    town_links: list[Link] = field(default_factory=list)


def marked_status(status: str | None, lang: Lang) -> str:
    """The status label coloured for Markdown: :red[▼ 落后]."""
    return f":{STATUS_MARKDOWN[status_key(status)]}[{status_label(status, lang)}]"


def build(wid: WarehouseId, ctx: Context) -> OverviewData:
    f, lang = ctx.filters, ctx.lang
    progress = cached.progress(wid, ctx.ckey, ctx.region, f.as_of, ctx.reader)
    rows = attention.overview_rows(progress, ctx.plans, f.programme)
    rows = with_labels(rows, place_names(cached.all_plans(ctx.region, ctx.ckey), lang), lang)
    heads = rows.filter(pl.col("level") == 0).to_dicts()
    data = OverviewData(rows, heads, attention.manual_count(progress, ctx.scope))
    data.programme_links = _programme_links(progress, ctx)
    data.institution_links = _institution_links(wid, ctx)
    data.town_links = _town_links(wid, ctx)
    return data


def _programme_links(progress: pl.DataFrame, ctx: Context) -> list[Link]:
    lang = ctx.lang
    frame = attention.programmes_needing_attention(
        progress, ctx.scope, ctx.plans, ctx.filters.as_of
    )
    name = "name_en" if lang == "en" else "name"
    return [
        Link(
            "programmes",
            t(
                "attention_progress",
                lang,
                status=marked_status(r["status"], lang),
                name=plain(r[name] or r["name"]),
                completion=fmt.pct(r["completion"]),
                tp=fmt.pct(r["time_progress"]),
            ),
            {"programme": r["programme_id"]},
        )
        for r in frame.iter_rows(named=True)
    ]


def _institution_links(wid: WarehouseId, ctx: Context) -> list[Link]:
    cat, f, lang = ctx.catalogue, ctx.filters, ctx.lang
    if f.programme is not None:
        q = cat.get(f.programme)
        scopes, whole = [(tuple(ctx.scope), q, {"programme": q.id})], False
    else:
        scopes, whole = [(p.quota_ids, cat.get(p.main), {"plan": p.key}) for p in ctx.plans], True
    # what cached.institutions gives the Institutions page, for every plan in one pass
    per_programme = cached.institution_programmes(
        wid, ctx.ckey, ctx.region, f.as_of.year, f.as_of, ctx.reader
    )
    judged = []
    for ids, q, _ in scopes:
        rule = cat.institution_rule(q.id, f.as_of.year)  # a consequence only where stated
        thresholds = (q.effective_certificate_threshold, q.effective_employment_threshold)
        judged.append(Judged(tuple(ids), thresholds, rule.source if rule else None))
    frames = judge_institutions_many(per_programme, judged, whole=whole)
    links = []
    for (_, _, params), j, frame in zip(scopes, judged, frames, strict=True):
        thresholds, source = j.thresholds, j.rule_source
        for r in attention.failing_institutions(frame).iter_rows(named=True):
            failing = []
            if (r["certificate_rate"] or 0) < thresholds[0]:
                failing.append(t("attention_cert", lang, rate=fmt.pct(r["certificate_rate"])))
            if (r["employment_rate"] or 0) < thresholds[1]:
                failing.append(t("attention_emp", lang, rate=fmt.pct(r["employment_rate"])))
            detail = t(
                "attention_institution_help",
                lang,
                cert=fmt.pct(r["certificate_rate"]),
                cert_thr=fmt.pct(thresholds[0], 0),
                emp=fmt.pct(r["employment_rate"]),
                emp_thr=fmt.pct(thresholds[1], 0),
            )
            label = t(
                "attention_institution",
                lang,
                name=plain(r["institution"]),  # a ledger's text: shown as text, never Markdown
                failing=" ".join(failing),
                verdict=t("attention_loses" if source else "attention_below_ref", lang),
            )
            links.append(Link("institutions", f":red[{label}]", params, detail))
    return links


def _town_links(wid: WarehouseId, ctx: Context) -> list[Link]:
    cat, f, lang = ctx.catalogue, ctx.filters, ctx.lang
    focus = [f.programme] if f.programme is not None else [p.main for p in ctx.plans]
    by_town = tuple(pid for pid in focus if place_levels(cat.get(pid)) == ("town",))
    links = []
    frames = (
        cached.towns_of(wid, ctx.ckey, ctx.region, by_town, f.as_of, ctx.reader) if by_town else []
    )
    for pid, places in zip(by_town, frames, strict=True):
        for r in attention.lagging_places(places).iter_rows(named=True):
            links.append(
                Link(
                    "towns",
                    t(
                        "attention_progress",
                        lang,
                        status=marked_status(r["status"], lang),
                        name=plain(r["town"]) if r["town"] else t("unfilled", lang),
                        completion=fmt.pct(r["completion"]),
                        tp=fmt.pct(r["time_progress"]),
                    ),
                    {"programme": pid},
                )
            )
    return links
