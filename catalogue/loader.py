"""The catalogue: every quota of catalogue/documents/*.toml plus catalogue/local.toml, validated.

`load_catalogue()` is what the ETL, the progress engine and the pages call; it is cached on the
files' contents, so calling it often is cheap and an edited file is picked up at once.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache, cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from catalogue.exceptions import CatalogueError, CatalogueSyntaxError, InvalidField, UnknownQuota
from catalogue.institution_rules import InstitutionRule, document_rule, local_rules, rule_for
from catalogue.model import Phase, Quota, normalise_programme_name
from catalogue.regions import Matcher, Place
from catalogue.rules import RawRule, Rule, merge_local_rules, parse_rules, read_rule_tables
from catalogue.schema import DEFAULT_KEYS, RawQuota, parse_quota
from catalogue.validate import validate

CATALOGUE_DIR = Path(__file__).resolve().parent / "documents"
POLICIES_DIR = Path(__file__).resolve().parent / "policies"  # the documents the quotas cite
DEFAULT_LOCAL_PATH = Path(__file__).resolve().parent / "local.toml"
PLACES_PATH = Path(__file__).resolve().parent / "places.toml"  # cities and counties no quota names
LOCAL_ENV = "SKILLTRACK_LOCAL_TARGETS"


class Catalogue:
    """The validated quotas, in file order, with look-ups by id, tree and programme wording."""

    def __init__(
        self,
        quotas: Sequence[Quota],
        local_fields: Mapping[str, tuple[str, ...]] | None = None,
        rules: Sequence[Rule] = (),
        institution_rules: Sequence[InstitutionRule] = (),
    ) -> None:
        self.quotas: tuple[Quota, ...] = tuple(quotas)
        self.rules: tuple[Rule, ...] = tuple(rules)  # subsidy rules (catalogue/rules.py)
        # Institution rules: the documents' and the ones counties adopt
        # (catalogue/institution_rules.py).
        self.institution_rules: tuple[InstitutionRule, ...] = tuple(institution_rules)
        # Quota id → the keys catalogue/local.toml set on it (all keys for a quota it adds).
        self.local_fields: Mapping[str, tuple[str, ...]] = MappingProxyType(
            dict(local_fields or {})
        )
        self._by_id = {q.id: q for q in self.quotas}
        kids: dict[str, list[Quota]] = {}
        keys: dict[str, list[str]] = {}
        for q in self.quotas:
            if q.parent_id:
                kids.setdefault(q.parent_id, []).append(q)
            if q.matchable:
                for wording in (q.name, *q.aliases):
                    owners = keys.setdefault(normalise_programme_name(wording), [])
                    if q.id not in owners:
                        owners.append(q.id)
        self._children = {k: tuple(v) for k, v in kids.items()}
        self._keys = MappingProxyType({k: tuple(v) for k, v in keys.items()})

    def __len__(self) -> int:
        return len(self.quotas)

    def __iter__(self) -> Iterator[Quota]:
        return iter(self.quotas)

    def __contains__(self, quota_id: object) -> bool:
        return quota_id in self._by_id

    def get(self, quota_id: str) -> Quota:
        """The quota with this id; UnknownQuota (a KeyError) when there is none."""
        try:
            return self._by_id[quota_id]
        except KeyError:
            raise UnknownQuota(quota_id, list(self._by_id)) from None

    def children(self, quota_id: str) -> tuple[Quota, ...]:
        """Direct children, in file order."""
        self.get(quota_id)
        return self._children.get(quota_id, ())

    def descendants(self, quota_id: str) -> tuple[Quota, ...]:
        """Children, grandchildren, … depth first, in file order (the quota itself excluded)."""
        out: list[Quota] = []
        for child in self.children(quota_id):
            out.append(child)
            out.extend(self.descendants(child.id))
        return tuple(out)

    def roots(self) -> tuple[Quota, ...]:
        """Quotas without a parent, in file order."""
        return tuple(q for q in self.quotas if q.parent_id is None)

    def depth(self, quota_id: str) -> int:
        """0 for a root, 1 for its children, …"""
        return self.get(quota_id).id.count("/")

    def programme_keys(self) -> Mapping[str, tuple[str, ...]]:
        """Normalised wording → ids of the record-measured quotas it names (names and aliases).

        Manual quotas and filtered ones (which measure their parent's records) are left out.
        A key with several ids is shared by quotas of different regions.
        """
        return self._keys

    def phases(self, quota_id: str) -> tuple[Phase, ...]:
        """The document's phases for this quota: its own, else its nearest ancestor's."""
        q = self.get(quota_id)
        while not q.phases and q.parent_id:
            q = self.get(q.parent_id)
        return q.phases

    def institution_rule(self, quota_id: str, year: int) -> InstitutionRule | None:
        """The rule judging institutions on this quota's records of `year`, if a document (or
        the county, in local.toml) states one."""
        return rule_for(self.institution_rules, self.get(quota_id), year)

    @cached_property
    def matcher(self) -> Matcher:
        """Region first, then programme: what the ETL matches records with (targets/regions.py)."""
        return Matcher(self.quotas, gazetteer())

    def match_programme(
        self,
        raw: str,
        county: str | None = None,
        city: str | None = None,
        province: str | None = None,
        region: str | None = None,
    ) -> str | None:
        """The quota id a record's programme cell names, or None (see targets/regions.py).

        The record's region comes first: its own cells, else `region` (the batch's), else the
        one document that uses the wording; the wording is matched among the quotas of the
        documents covering that region. Names are compared after normalise_programme_name().
        """
        batch = self.matcher.place(region) if region else None
        return self.matcher.resolve(raw, province, city, county, batch).programme_id


@cache
def gazetteer(path: Path = PLACES_PATH) -> tuple[Place, ...]:
    """catalogue/places.toml: every city and county it lists, fully qualified."""
    out: list[Place] = []
    for entry in read_toml(path).get("place", []):
        province = entry["province"]
        for city in entry.get("cities", []):
            out.append(Place(province, city["city"], None))
            out.extend(Place(province, city["city"], c) for c in city.get("counties", []))
    return tuple(out)


def local_targets_path(local_path: Path | None = None) -> Path:
    """catalogue/local.toml, or where SKILLTRACK_LOCAL_TARGETS points."""
    if local_path is not None:
        return local_path
    env = os.environ.get(LOCAL_ENV)
    return Path(env) if env else DEFAULT_LOCAL_PATH


def load_catalogue(catalogue_dir: Path | None = None, local_path: Path | None = None) -> Catalogue:
    """Read and validate every catalogue TOML (by file name) and then the local overrides."""
    directory = catalogue_dir or CATALOGUE_DIR
    if not directory.is_dir():
        raise CatalogueError(directory, None, None, "no such catalogue directory")
    files = sorted(directory.glob("*.toml"))
    local = local_targets_path(local_path)
    key = tuple((str(p), _digest(p)) for p in (*files, local))
    return _load(key)


def _digest(path: Path) -> str:
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


@lru_cache(maxsize=16)
def _load(key: tuple[tuple[str, str], ...]) -> Catalogue:
    *catalogue_files, (local, local_digest) = key
    raws: list[RawQuota] = []
    institution_rules: list[InstitutionRule] = []
    for path, _ in catalogue_files:
        raws.extend(read_catalogue_file(Path(path)))
        rule = document_rule(Path(path), read_toml(Path(path)))
        if rule is not None:
            institution_rules.append(rule)
    local_fields = _merge_local(raws, Path(local)) if local_digest else {}
    if local_digest:
        institution_rules = [
            *local_rules(Path(local), read_toml(Path(local)).get("institution_rule", {})),
            *institution_rules,
        ]
    quotas = [parse_quota(raw) for raw in raws]
    validate(quotas, [path for path, _ in key])
    documents = _documents([Path(path) for path, _ in catalogue_files])
    rules = parse_rules(_raw_rules(catalogue_files, local, local_digest), quotas)
    return Catalogue([_cited(q, documents) for q in quotas], local_fields, rules, institution_rules)


def _documents(paths: Sequence[Path]) -> dict[str, tuple[str, str]]:
    """Document file → (title, number) from each catalogue file's [document] table."""
    out = {}
    for path in paths:
        doc = read_toml(path).get("document", {})
        title, number = doc.get("title", ""), doc.get("number", "")
        if isinstance(title, str) and isinstance(number, str):
            out[doc["file"]] = (title, number)
    return out


def _cited(q: Quota, documents: Mapping[str, tuple[str, str]]) -> Quota:
    """The quota with its sources' document titles and numbers filled in."""
    title, number = documents.get(q.source.document, ("", ""))
    source = replace(q.source, title=title, number=number)
    threshold = q.threshold_source
    if threshold is not None:
        t_title, t_number = documents.get(threshold.document, ("", ""))
        threshold = replace(threshold, title=t_title, number=t_number)
    return replace(q, source=source, threshold_source=threshold)


def _raw_rules(
    catalogue_files: Sequence[tuple[str, str]], local: str, local_digest: str
) -> list[RawRule]:
    """Every file's [[rule]] tables, then local.toml's [rule."id"] changes and additions."""
    raws: list[RawRule] = []
    for path, _ in catalogue_files:
        data = read_toml(Path(path))
        raws.extend(read_rule_tables(path, data, data["document"]["file"]))
    if local_digest:
        merge_local_rules(raws, local, read_toml(Path(local)).get("rule", {}))
    return raws


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file; CatalogueSyntaxError when it is not TOML."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueSyntaxError(
            path, None, None, f"not valid TOML ({exc}); fix the line it names"
        ) from None


def read_catalogue_file(path: Path) -> list[RawQuota]:
    """The [[quota]] tables of one catalogue file, with [document] and [defaults] applied."""
    data = read_toml(path)
    for key in data:
        if key not in ("document", "defaults", "quota", "rule"):
            raise InvalidField(
                path,
                None,
                key,
                "unknown table; a catalogue file has [document], [defaults], "
                "[[quota]] and [[rule]] tables only",
            )
    document = data.get("document")
    if not isinstance(document, dict) or not isinstance(document.get("file"), str):
        raise InvalidField(
            path, None, "document", 'add [document] with file = "<policy document>.txt"'
        )
    defaults = data.get("defaults", {})
    unknown = sorted(set(defaults) - set(DEFAULT_KEYS)) if isinstance(defaults, dict) else ["?"]
    if unknown:
        raise InvalidField(
            path, None, f"defaults.{unknown[0]}", f"[defaults] may set {', '.join(DEFAULT_KEYS)}"
        )
    quotas = data.get("quota", [])
    if not isinstance(quotas, list) or not all(isinstance(q, dict) for q in quotas):
        raise InvalidField(path, None, "quota", "write each quota as a [[quota]] table")
    base = {"document": document["file"], **defaults}
    return [RawQuota({**base, **q}, str(path)) for q in quotas]


def read_local(path: Path) -> dict[str, dict[str, Any]]:
    """catalogue/local.toml's `[quota."id"]` tables (empty when the file does not exist)."""
    if not path.exists():
        return {}
    data = read_toml(path)
    extra = sorted(set(data) - {"quota", "rule", "institution_rule"})
    tables = data.get("quota", {})
    if (
        extra
        or not isinstance(tables, dict)
        or not all(isinstance(t, dict) for t in tables.values())
    ):
        raise InvalidField(
            path,
            None,
            (extra or ["quota"])[0],
            'local.toml holds only [quota."<id>"] and [rule."<id>"] tables, e.g. '
            '[quota."linshu-2019"] target = 9000',
        )
    return tables


def _merge_local(raws: list[RawQuota], path: Path) -> dict[str, tuple[str, ...]]:
    """Apply local.toml's overrides to the catalogue's quotas and append the quotas it adds."""
    by_id = {raw.table.get("id"): raw for raw in raws}
    local_fields: dict[str, tuple[str, ...]] = {}
    for qid, table in read_local(path).items():
        if "id" in table:
            raise InvalidField(path, qid, "id", "the id is the table's name; remove `id = …`")
        raw = by_id.get(qid)
        if raw is not None:
            raw.table.update(table)
            raw.origins.update({k: str(path) for k in table})
        elif "name" not in table:
            raise InvalidField(
                path,
                qid,
                "id",
                "no catalogue quota has this id, so there is nothing to override: check the id "
                "(`python -m targets list`), or give the full definition of a new quota",
            )
        else:
            raws.append(RawQuota({"id": qid, **table}, str(path)))
        local_fields[qid] = tuple(table)
    return local_fields
