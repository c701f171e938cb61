"""Subsidy rules as data: the `[[rule]]` tables of catalogue/*.toml and `[rule."id"]` in local.toml.

A rule has an id, a kind (a closed set below), the quotas it applies to (and their descendants),
its parameters, and the clause it comes from, quoted verbatim. A record is judged only by the
rules of its own programme: for each kind, the rule set on the programme itself or else on its
nearest ancestor (`rules_for`).

Kinds that flag a record name their flag (FLAG_OF_KIND) and whether the flag excludes the record
from subsidy (EXCLUDES_BY_DEFAULT; a rule may say `excludes = false`). Two flags are fraud
signals rather than document rules and have no kind: `overlapping_classes` and `shared_phone`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, get_args

from catalogue.exceptions import CatalogueError, InvalidField
from catalogue.model import Quota

FlagCode = Literal[
    "over_yearly_limit",
    "repeat_occupation_level",
    "no_certificate",
    "over_age",
    "too_long",
    "overlapping_classes",
    "shared_phone",
]
FLAGS: tuple[FlagCode, ...] = get_args(FlagCode)
# Bit of each flag in the audit's `flags` integer (stable: stored in warehouses).
FLAG_BITS: Mapping[FlagCode, int] = MappingProxyType({f: 1 << i for i, f in enumerate(FLAGS)})
FLAG_LABELS: Mapping[FlagCode, tuple[str, str]] = MappingProxyType(
    {
        "over_yearly_limit": ("超过每人每年次数上限", "Over the yearly limit"),
        "repeat_occupation_level": ("同一职业同一等级重复", "Same occupation and level again"),
        "no_certificate": ("未取得证书", "No certificate"),
        "over_age": ("超过年龄上限", "Over the age limit"),
        "too_long": ("超过培训天数上限", "Longer than allowed"),
        "overlapping_classes": ("培训时间重叠", "Overlapping classes"),
        "shared_phone": ("多名学员共用电话", "Phone shared by trainees"),
    }
)
SHARED_PHONE_LIMIT = 5  # a phone on more than 5 trainees of one institution in a year

RuleKind = Literal[
    "yearly_limit",
    "no_repeat_level",
    "certificate_required",
    "max_age",
    "max_days",
    "daily_rate",
    "level_amount",
    "per_person",
    "employment_tranche",
    "advance",
    "employment_grant",
]
KINDS: tuple[RuleKind, ...] = get_args(RuleKind)
FLAG_OF_KIND: Mapping[RuleKind, FlagCode] = MappingProxyType(
    {
        "yearly_limit": "over_yearly_limit",
        "no_repeat_level": "repeat_occupation_level",
        "certificate_required": "no_certificate",
        "max_age": "over_age",
        "max_days": "too_long",
    }
)
AMOUNT_KINDS: tuple[RuleKind, ...] = ("daily_rate", "level_amount", "per_person")
RestOn = Literal["employment", "certificate", "project_employment"]
REST_ON: tuple[RestOn, ...] = get_args(RestOn)

# Parameter → (python types, required, what it means), per kind.
_Param = tuple[tuple[type, ...], bool, str]
_NUM = (int, float)
PARAMS: Mapping[RuleKind, Mapping[str, _Param]] = MappingProxyType(
    {
        "yearly_limit": {"limit": ((int,), True, "subsidised trainings per person per year")},
        "no_repeat_level": {},
        "certificate_required": {},
        "max_age": {"age": ((int,), True, "oldest age allowed, in full years at the start date")},
        "max_days": {"days": ((int,), True, "longest training allowed, in days")},
        "daily_rate": {
            "rate": (_NUM, True, "yuan per person-day"),
            "after_days": ((int,), False, "days paid at `rate`; later days at `later_rate`"),
            "later_rate": (_NUM, False, "yuan per person-day after `after_days`"),
            "max_paid_days": ((int,), False, "days paid at most"),
        },
        "level_amount": {"amounts": ((dict,), True, "{ 初级工 = 1000, … } yuan per person")},
        "per_person": {"amount": (_NUM, True, "yuan per person")},
        "employment_tranche": {
            "share": (_NUM, True, "share paid on the certificate (0.8)"),
            "months": ((int,), True, "the rest when employed within this many months"),
        },
        "advance": {
            "share": (_NUM, True, "share paid first (0.6)"),
            "rest_on": ((str,), True, f"one of {', '.join(REST_ON)}"),
            "employment_rate": (_NUM, False, "the project's rate that releases the rest"),
        },
        "employment_grant": {
            "amount": (_NUM, True, "yuan per person employed in time"),
            "months": ((int,), True, "employed within this many months of the end date"),
            "categories": ((list,), True, "the person categories (就业重点群体) it is for"),
        },
    }
)
COMMON_KEYS: Mapping[str, str] = MappingProxyType(
    {
        "id": "lowercase ascii slug, e.g. 'yuncheng-2018/daily-rate'",
        "kind": f"one of {', '.join(KINDS)}",
        "quotas": "ids of the quotas it applies to (their sub-quotas too)",
        "document": "policy document file name (defaults to [document] file)",
        "clause": "clause reference",
        "quote": "the clause copied verbatim from the document",
        "note": "how the clause was read",
        "excludes": "flag rules only: whether the flag excludes the record from subsidy",
    }
)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


@dataclass(frozen=True)
class Rule:
    """One subsidy rule of one document."""

    id: str
    kind: RuleKind
    quotas: tuple[str, ...]
    params: Mapping[str, Any]
    document: str
    clause: str
    quote: str
    excludes: bool = False  # a flag rule: the flag makes the record ineligible
    note: str = ""
    catalogue_file: str = ""

    @property
    def flag(self) -> FlagCode | None:
        return FLAG_OF_KIND.get(self.kind)


@dataclass
class RawRule:
    """A rule table as read, with the file it came from (local.toml may override keys)."""

    table: dict[str, Any]
    file: str
    origins: dict[str, str] = field(default_factory=dict)


def read_rule_tables(path: str, data: Mapping[str, Any], document: str) -> list[RawRule]:
    """The [[rule]] tables of one parsed catalogue file."""
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise InvalidField(path, None, "rule", "write each rule as a [[rule]] table")
    return [RawRule({"document": document, **t}, path) for t in tables]


def merge_local_rules(raws: list[RawRule], path: str, tables: Mapping[str, Any]) -> None:
    """Apply local.toml's `[rule."id"]` tables: change a catalogue rule or add one."""
    by_id = {r.table.get("id"): r for r in raws}
    for rid, table in tables.items():
        if not isinstance(table, dict) or "id" in table:
            raise InvalidField(path, rid, "id", 'write [rule."<id>"] with the keys to set')
        raw = by_id.get(rid)
        if raw is not None:
            raw.table.update(table)
            raw.origins.update({k: path for k in table})
        else:
            raws.append(RawRule({"id": rid, **table}, path))


def parse_rules(raws: Sequence[RawRule], quotas: Sequence[Quota]) -> tuple[Rule, ...]:
    """Validate every rule table; a bad value's error lists the valid ones."""
    by_id = {q.id: q for q in quotas}
    seen: dict[str, str] = {}
    out = []
    for raw in raws:
        rule = _parse(raw, by_id)
        if rule.id in seen:
            raise InvalidField(raw.file, rule.id, "id", f"rule already defined in {seen[rule.id]}")
        seen[rule.id] = raw.file
        out.append(rule)
    return tuple(out)


def _parse(raw: RawRule, quotas: Mapping[str, Quota]) -> Rule:
    t = raw.table
    rid = t.get("id") if isinstance(t.get("id"), str) else None

    def fail(key: str, message: str) -> CatalogueError:
        return InvalidField(raw.origins.get(key, raw.file), rid, key, message)

    if rid is None or not _SLUG.match(rid):
        raise fail("id", "each rule needs id = a lowercase ascii slug like 'kaili-2024/max-age'")
    kind = t.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"{kind!r} is not valid; use one of: {', '.join(KINDS)}")
    params = PARAMS[kind]
    valid = [*COMMON_KEYS, *params]
    unknown = sorted(set(t) - set(valid))
    if unknown:
        raise fail(unknown[0], f"unknown key for a {kind} rule; valid keys: {', '.join(valid)}")
    for key in ("document", "clause", "quote"):
        if not isinstance(t.get(key), str) or not t[key].strip():
            raise fail(key, f"missing; add `{key} = …` ({COMMON_KEYS[key]})")
    ids = t.get("quotas")
    if not isinstance(ids, list) or not ids or not all(isinstance(q, str) for q in ids):
        raise fail("quotas", 'give the quotas it applies to, e.g. quotas = ["kaili-2024"]')
    for qid in ids:
        quota = quotas.get(qid)
        if quota is None:
            raise fail("quotas", f"no quota {qid!r}; see `python -m targets list`")
        if raw.file == quota.catalogue_file and quota.source.document != t["document"]:
            raise fail("quotas", f"{qid!r} belongs to {quota.source.document}, not this document")
    values = {}
    for key, (types, required, what) in params.items():
        if key not in t:
            if required:
                raise fail(key, f"missing; add `{key} = …` ({what})")
            continue
        value = t[key]
        if isinstance(value, bool) or not isinstance(value, types):
            raise fail(key, f"must be {what}, not {value!r}")
        values[key] = _checked(kind, key, value, fail)
    project = kind == "advance" and values["rest_on"] == "project_employment"
    if project and "employment_rate" not in values:
        raise fail("employment_rate", "needed when rest_on = 'project_employment'")
    excludes = t.get("excludes", kind in FLAG_OF_KIND)
    if not isinstance(excludes, bool) or (excludes and kind not in FLAG_OF_KIND):
        raise fail("excludes", "true or false, and only on a rule that flags records")
    return Rule(
        id=rid,
        kind=kind,
        quotas=tuple(ids),
        params=MappingProxyType(values),
        document=t["document"],
        clause=t["clause"],
        quote=t["quote"],
        excludes=excludes,
        note=t.get("note", "") if isinstance(t.get("note"), str) else "",
        catalogue_file=raw.file,
    )


def _checked(kind: str, key: str, value: Any, fail: Any) -> Any:
    """Ranges: shares and rates 0…1, counts and money above 0, choices from their sets."""
    if key in ("share", "employment_rate") and not 0 < value <= 1:
        raise fail(key, f"{value} is outside 0…1; write 60% as 0.6")
    if key == "rest_on" and value not in REST_ON:
        raise fail(key, f"{value!r} is not valid; use one of: {', '.join(REST_ON)}")
    if key == "amounts":
        if not value or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in value.values()
        ):
            raise fail(key, "give { level = yuan, … } with amounts above 0")
        return MappingProxyType({str(k): float(v) for k, v in value.items()})
    if key == "categories":
        if not value or not all(isinstance(v, str) and v for v in value):
            raise fail(key, "a list of person categories as the ledgers write them")
        return tuple(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and value <= 0:
        raise fail(key, f"{value} must be above 0")
    return value


def rules_for(programme_id: str, rules: Sequence[Rule]) -> dict[RuleKind, Rule]:
    """For each kind, the rule set on the programme itself or on its nearest ancestor."""
    chain = [programme_id]
    while "/" in chain[-1]:
        chain.append(chain[-1].rsplit("/", 1)[0])
    out: dict[RuleKind, Rule] = {}
    for qid in reversed(chain):  # root first, so nearer quotas replace farther ones
        for rule in rules:
            if qid in rule.quotas:
                out[rule.kind] = rule
    return out


def exclusion_mask(programme_id: str, rules: Sequence[Rule]) -> int:
    """The FLAG_BITS that make a record of this programme ineligible for subsidy."""
    mask = 0
    for rule in rules_for(programme_id, rules).values():
        if rule.flag is not None and rule.excludes:
            mask |= FLAG_BITS[rule.flag]
    return mask
