"""A user's scope: one region at any level of the catalogue's tree (province, city, county) or a
town below a county, and every region (`EVERYWHERE`).

The read side binds a scope's levels as query parameters (`params()`): a record is in the scope
when each level the scope sets equals the record's own cell. Stored province / city / county are
always the catalogue's full names, so a scope is resolved to those names once, when an account
is made (`resolve`), and kept as its full path ("贵州省·黔东南苗族侗族自治州·凯里市·舟溪镇").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import partial
from typing import Literal, get_args

from catalogue.exceptions import UnknownRegion
from catalogue.loader import Catalogue, load_catalogue
from catalogue.regions import same_place

Level = Literal["province", "city", "county", "town"]
LEVELS: tuple[Level, ...] = get_args(Level)
EVERY_REGION_WORDS = ("*", "全部", "全部地区", "all", "全国")
SEPARATORS = re.compile(r"[·・/\s,，、]+")


@dataclass(frozen=True)
class RegionScope:
    """The levels a scope sets, from the province down, without gaps; none set = every region."""

    province: str | None = None
    city: str | None = None
    county: str | None = None
    town: str | None = None

    def __post_init__(self) -> None:
        values = self.parts()
        if any(v is None for v in values[: len([v for v in values if v is not None])]):
            raise ValueError(f"a scope's levels are set from the province down: {values}")

    def parts(self) -> tuple[str | None, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    @property
    def everything(self) -> bool:
        return self.province is None

    @property
    def level(self) -> Level | None:
        """The deepest level set (None: every region)."""
        set_ = [lv for lv, v in zip(LEVELS, self.parts(), strict=True) if v is not None]
        return set_[-1] if set_ else None

    @property
    def path(self) -> str:
        """The stored form: the full path, "" for every region."""
        return "·".join(v for v in self.parts() if v is not None)

    @property
    def label(self) -> str:
        """How the scope is named to a user: 临沭县, 凯里市·舟溪镇, 全部地区."""
        if self.everything:
            return "全部地区"
        if self.town is not None:
            return f"{self.county or self.city}·{self.town}"
        return next(v for v in reversed(self.parts()) if v is not None)

    def params(self) -> dict[str, str | None]:
        """The scope as bound query parameters: $scope_province … $scope_town."""
        return {f"scope_{lv}": v for lv, v in zip(LEVELS, self.parts(), strict=True)}

    def contains(self, other: RegionScope) -> bool:
        """Whether every record of `other` is inside this scope."""
        mine, theirs = self.parts(), other.parts()
        return all(m is None or m == t for m, t in zip(mine, theirs, strict=True))

    def overlaps(self, other: RegionScope) -> bool:
        """Whether the two scopes share any record (one contains the other)."""
        return self.contains(other) or other.contains(self)

    @classmethod
    def from_path(cls, path: str) -> RegionScope:
        """The stored form back (see `path`)."""
        parts = [p for p in path.split("·") if p] if path else []
        return cls(*parts[:4])


EVERYWHERE = RegionScope()


def tree(catalogue: Catalogue | None = None) -> list[RegionScope]:
    """Every region the catalogue's quotas name, with its ancestors: the tree's nodes."""
    cat = catalogue or load_catalogue()
    nodes: dict[str, RegionScope] = {}
    for q in cat.quotas:
        r = q.region
        chain = [r.province, r.city, r.county]
        for depth in range(1, 4):
            head = chain[:depth]
            if head[-1] is None:
                break
            node = RegionScope(*head)
            nodes[node.path] = node
    return sorted(nodes.values(), key=lambda n: (n.province or "", n.path))


def resolve(text: str, catalogue: Catalogue | None = None) -> RegionScope:
    """A scope as a person writes it (浙江省, 临沭, 凯里市·舟溪镇, 凯里市 舟溪镇, 全部) → its full
    path in the tree. The first name must be a node of the tree; names after the deepest node
    found fill the next levels (a town below a county, a city below a province-only plan)."""
    words = [w for w in SEPARATORS.split(text.strip()) if w]
    if not words or (len(words) == 1 and words[0].lower() in EVERY_REGION_WORDS):
        return EVERYWHERE
    nodes = tree(catalogue)
    known = [n.label for n in nodes]
    hits = _named(nodes, words[0], lambda n: True)
    if len(hits) != 1:
        raise UnknownRegion(text, known if not hits else [h.path for h in hits])
    node = hits[0]
    rest = words[1:]
    while rest:
        below = _named(nodes, rest[0], partial(_child_of, parent=node))
        if len(below) != 1:
            break
        node, rest = below[0], rest[1:]
    parts = [v for v in node.parts() if v is not None] + rest
    if len(parts) > len(LEVELS):
        raise UnknownRegion(text, known)
    return RegionScope(*parts)


def _named(
    nodes: Iterable[RegionScope], word: str, keep: Callable[[RegionScope], bool]
) -> list[RegionScope]:
    exact = [n for n in nodes if keep(n) and n.label == word]
    return exact or [n for n in nodes if keep(n) and same_place(n.label, word)]


def _child_of(node: RegionScope, *, parent: RegionScope) -> bool:
    return node != parent and parent.contains(node) and len(node.path) > len(parent.path)
