"""Institution rules: a consequence for training institutions, only where a document states one.

Yuncheng's document (三、（八）) takes next year's subsidised training away from an institution
whose certificate rate is below 80% or employment rate below 30% in a year. The 80% / 30% lines
stay the reference on every rate chart, but the consequence applies only to institutions that
trained under a document with such a rule, in the years it judges (its period). A catalogue file
states its rule in its [document] table:

    [document]
    institution_rule = { clause = "三、（八）", quote = "…", certificate_threshold = 0.8,
                         employment_threshold = 0.3 }

and a county may adopt one for itself in catalogue/local.toml, citing its own document:

    [institution_rule."临沭县"]
    document = "临沭县培训机构管理办法.pdf"
    clause = "第十条"
    quote = "…"
    certificate_threshold = 0.8
    employment_threshold = 0.3
    period = { start = 2020-01-01, end = 2021-12-31 }
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from catalogue.exceptions import InvalidField
from catalogue.model import Quota, Region
from catalogue.regions import covers, place_of

RULE_KEYS = ("clause", "quote", "certificate_threshold", "employment_threshold")
LOCAL_RULE_KEYS = (*RULE_KEYS, "document", "period", "region")


@dataclass(frozen=True)
class InstitutionRule:
    """Below either threshold in a year: no subsidised training the next year."""

    document: str
    clause: str
    quote: str
    certificate_threshold: float
    employment_threshold: float
    region: Region  # the records of quotas in this region are judged by it
    period_start: date
    period_end: date
    own_document_only: bool = True  # a document's rule: its own quotas; a county's: its region

    @property
    def source(self) -> str:
        """The clause the verdict rests on, as `rule_source` gives it."""
        return f"{self.document} {self.clause}：{self.quote}"

    def judges(self, year: int) -> bool:
        """Whether it judges a year's training (the year lies in its period)."""
        return self.period_start.year <= year <= self.period_end.year

    def applies_to(self, q: Quota) -> bool:
        """Whether the quota's records are under this rule."""
        if self.own_document_only:
            return q.source.document == self.document
        return covers(self.region, place_of(q.region))


def _rule(path: Path, where: str, table: Any, **known: Any) -> InstitutionRule:
    if not isinstance(table, dict):
        raise InvalidField(path, None, where, "write the rule as a table { clause = …, … }")
    valid = RULE_KEYS if known else LOCAL_RULE_KEYS
    unknown = sorted(set(table) - set(valid))
    missing = [k for k in valid if k not in table and k not in known]
    if unknown or missing:
        raise InvalidField(
            path,
            None,
            where,
            f"a rule has exactly the keys {', '.join(valid)} (check {unknown or missing})",
        )
    values = {**known, **table}
    for key in ("certificate_threshold", "employment_threshold"):
        v = values[key]
        if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 1:
            raise InvalidField(path, None, f"{where}.{key}", f"{v!r}: write 80% as 0.8")
    period, region = values["period"], values["region"]
    if not isinstance(period, dict) or not all(
        isinstance(period.get(k), date) for k in ("start", "end")
    ):
        raise InvalidField(
            path, None, f"{where}.period", "{ start = YYYY-MM-DD, end = YYYY-MM-DD }"
        )
    if not isinstance(region, dict) or "province" not in region:
        raise InvalidField(path, None, f"{where}.region", "{ province = …, city = …, county = … }")
    return InstitutionRule(
        document=str(values["document"]),
        clause=str(values["clause"]),
        quote=str(values["quote"]),
        certificate_threshold=float(values["certificate_threshold"]),
        employment_threshold=float(values["employment_threshold"]),
        region=Region(**region),
        period_start=period["start"],
        period_end=period["end"],
        own_document_only=bool(known),
    )


def document_rule(path: Path, data: dict[str, Any]) -> InstitutionRule | None:
    """The rule a catalogue file's [document] table states, if any."""
    document = data.get("document", {})
    table = document.get("institution_rule") if isinstance(document, dict) else None
    if table is None:
        return None
    defaults = data.get("defaults", {})
    return _rule(
        path,
        "document.institution_rule",
        table,
        document=document["file"],
        period=defaults.get("period"),
        region=defaults.get("region"),
    )


def local_rules(path: Path, tables: Any) -> list[InstitutionRule]:
    """catalogue/local.toml's [institution_rule."<region>"] tables: rules a county adopts."""
    if not isinstance(tables, dict):
        raise InvalidField(path, None, "institution_rule", 'write [institution_rule."<region>"]')
    return [_rule(path, f"institution_rule.{name}", t) for name, t in tables.items()]


def rule_for(rules: tuple[InstitutionRule, ...], q: Quota, year: int) -> InstitutionRule | None:
    """The rule that judges the quota's records of a year: a county's own before a document's."""
    hits = [r for r in rules if r.judges(year) and r.applies_to(q)]
    hits.sort(key=lambda r: r.own_document_only)
    return hits[0] if hits else None
