"""A record's region first, then its programme (CONTRACT §2, The region of a record).

The places the catalogue knows are its quotas' regions (province, city, county). A record's
region comes from its own province / city / county cells, in short or full form (临沭 / 临沭县,
黔东南州 / 黔东南苗族侗族自治州); else from the region its batch was loaded for (`--region`);
else, only when the wording belongs to exactly one document, from that document. The wording is
then matched only among the quotas of documents that cover the region: a county under a
province-wide document (any Zhejiang county under 金蓝领) is covered.

`Matcher.resolve` answers for one distinct (cells, wording) combination; the ETL calls it once
per distinct combination of a chunk, never per row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from catalogue.model import Quota, Region, normalise_programme_name

RegionReason = Literal["programme_unknown", "programme_ambiguous", "region_conflict"]
LEVELS = ("province", "city", "county")
_PLACE_SUFFIX = re.compile(r"(?:自治州|自治县|州|市|县|区|省)$")


def place_key(name: str) -> str:
    """A place name without spaces, width or its level word: 凯里市 → 凯里, 黔东南州 → 黔东南;
    a level word is kept where only one character would remain (杭州 is 杭州市, not 杭; 绛县)."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", name))
    short = _PLACE_SUFFIX.sub("", text)
    return short if len(short) >= 2 else text


def same_place(a: str, b: str) -> bool:
    """Whether two spellings name one place: 凯里市 = 凯里, 黔东南州 = 黔东南苗族侗族自治州."""
    ka, kb = place_key(a), place_key(b)
    short, long_ = sorted((ka, kb), key=len)
    return ka == kb or (len(short) >= 2 and long_.startswith(short))


@dataclass(frozen=True)
class Place:
    """A region at any level; a part may be a name the catalogue does not know (a district)."""

    province: str | None = None
    city: str | None = None
    county: str | None = None

    def parts(self) -> tuple[str | None, str | None, str | None]:
        return (self.province, self.city, self.county)

    def is_empty(self) -> bool:
        return not any(self.parts())

    def label(self) -> str:
        """How a person names it: its most specific part (临沭县, 运城市, 浙江省)."""
        return self.county or self.city or self.province or "?"

    def agrees(self, other: Place) -> bool:
        """No level where both name a place and the names differ."""
        return all(
            a is None or b is None or same_place(a, b)
            for a, b in zip(self.parts(), other.parts(), strict=True)
        )

    def merged(self, other: Place) -> Place:
        """This place with the levels it lacks taken from `other` (which must agree)."""
        a, b = self.parts(), other.parts()
        return Place(*(x if x is not None else y for x, y in zip(a, b, strict=True)))


def place_of(region: Region) -> Place:
    return Place(region.province, region.city, region.county)


def covers(region: Region, place: Place) -> bool:
    """Whether a document of `region` covers a record placed at `place`: every level the region
    names, the place names too and the same (临沭县 is covered by 山东省, not the reverse)."""
    return all(
        r is None or (p is not None and same_place(r, p))
        for r, p in zip(place_of(region).parts(), place.parts(), strict=True)
    )


class PlaceIndex:
    """Places by the keys of their names: `find(name)` gives the places `same_place` matches
    with `name`, in the order given, by a few dictionary look-ups instead of a comparison with
    every place (a ledger has a cell per row; the gazetteer has hundreds of places)."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._exact: dict[str, list[tuple[int, Place]]] = {}
        self._prefix: dict[str, list[tuple[int, Place]]] = {}  # every prefix of 2+ characters
        for i, p in enumerate(places):
            key = place_key(p.label())
            self._exact.setdefault(key, []).append((i, p))
            for n in range(2, len(key) + 1):
                self._prefix.setdefault(key[:n], []).append((i, p))

    def find(self, name: str) -> list[Place]:
        key = place_key(name)
        # the same key, or (2+ characters) a key that starts with this one
        hits = list(self._prefix.get(key, []) if len(key) >= 2 else self._exact.get(key, []))
        for n in range(2, len(key)):  # a key of 2+ characters that this one starts with
            hits += self._exact.get(key[:n], [])
        return [p for _, p in sorted(hits, key=lambda h: h[0])]  # a place has one key: no repeats


def _deepest(hits: list[Place]) -> Place | None:
    """The first of the places naming the most levels (as max() keeps the first)."""
    return max(hits, key=lambda p: sum(x is not None for x in p.parts())) if hits else None


@dataclass(frozen=True)
class Resolution:
    """Where a record belongs: its programme and stored place, or why it is rejected."""

    programme_id: str | None
    place: Place
    reason: RegionReason | None = None
    message: str | None = None


class Matcher:
    """The catalogue's places and wordings: resolves a record's region, then its programme."""

    def __init__(self, quotas: Iterable[Quota], gazetteer: Iterable[Place] = ()) -> None:
        self.quotas = tuple(q for q in quotas if q.matchable)
        # Places inside the documents' regions that no quota names (catalogue/places.toml),
        # fully qualified: they complete a record's own cells (西湖区 → 浙江省 杭州市 西湖区).
        self._gazetteer = tuple(gazetteer)
        self._known: list[Place] = []  # every place a quota names, fully qualified
        self._by_key: dict[str, list[Quota]] = {}
        for q in self.quotas:
            r = q.region
            for level in LEVELS[: LEVELS.index(r.level) + 1]:
                upto = LEVELS[: LEVELS.index(level) + 1]
                known = Place(*(getattr(r, lv) if lv in upto else None for lv in LEVELS))
                if known not in self._known:
                    self._known.append(known)
            for wording in (q.name, *q.aliases):
                owners = self._by_key.setdefault(normalise_programme_name(wording), [])
                if q not in owners:
                    owners.append(q)
        self._known_index = PlaceIndex(self._known)
        self._gazetteer_index = PlaceIndex(self._gazetteer)

    def place(self, name: str) -> Place | None:
        """The known place a name stands for (临沭 → 山东省 临沂市 临沭县), or None."""
        return _deepest(self._known_index.find(name))

    def _cell_place(self, name: str) -> Place | None:
        """The place a record's own cell names: a known place, else one of the gazetteer's."""
        known = self.place(name)
        if known is not None:
            return known
        return _deepest(self._gazetteer_index.find(name))

    def place_names(self) -> list[str]:
        """Every place the catalogue names, most specific part of each (for messages, choices)."""
        return [p.label() for p in self._known]

    def own_place(
        self, province: str | None, city: str | None, county: str | None
    ) -> tuple[Place, bool]:
        """The place a record's own cells name, completed and spelt as the catalogue does where
        it knows a part (a county it does not list stays as written), and whether the cells
        agree with each other."""
        out = Place(province or None, city or None, county or None)
        for level, name in zip(LEVELS[::-1], (county, city, province), strict=True):
            known = self._cell_place(name) if name else None
            if known is None:
                continue
            if LEVELS.index(_level(known)) < LEVELS.index(level):
                # a county cell naming a city (运城市 in 县（市、区）): it is that city
                out = replace(out, **{level: None})
            if not known.agrees(out):
                return out, False
            out = known.merged(out)
        return out, True

    def documents(self, key: str) -> list[str]:
        """The documents whose quotas use this normalised wording."""
        docs: list[str] = []
        for q in self._by_key.get(key, []):
            if q.source.document not in docs:
                docs.append(q.source.document)
        return docs

    def wordings(self, place: Place) -> list[str]:
        """The wordings accepted for records of `place` (names and aliases, once each)."""
        out: list[str] = []
        for q in self.quotas:
            inside = place_of(q.region).agrees(place) and _coarser(place, q)
            if covers(q.region, place) or inside:
                for w in (q.name, *q.aliases):
                    if w not in out:
                        out.append(w)
        return out

    def resolve(
        self,
        raw: str,
        province: str | None = None,
        city: str | None = None,
        county: str | None = None,
        batch: Place | None = None,
    ) -> Resolution:
        """The programme of one wording for a record with these cells, in a batch loaded for
        `batch` (None: no --region)."""
        own, consistent = self.own_place(province, city, county)
        if not consistent:
            return _reject(own, "region_conflict", f"本行地区单元格互相矛盾（{_show(own)}）")
        if batch is not None:
            if not own.agrees(batch):
                msg = f"本行地区为{_show(own)}，与本批次导入地区{batch.label()}不一致"
                return _reject(own, "region_conflict", msg)
            own = own.merged(batch)
        key = normalise_programme_name(raw)
        owners = self._by_key.get(key, [])
        if self._region_known(own):
            return self._within(raw, key, own)
        docs = self.documents(key)
        if not docs:
            return _reject(own, "programme_unknown", f"目标目录中没有培训项目“{raw}”")
        if len(docs) > 1:
            msg = (
                f"地区不明，培训项目“{raw}”属于多个文件（{'、'.join(docs)}），"
                "请用 --region 指明地区"
            )
            return _reject(own, "programme_ambiguous", msg)
        fitting = [q for q in owners if place_of(q.region).agrees(own)]
        if not fitting:
            return _reject(own, "programme_unknown", f"{_show(own)}的目标目录中没有培训项目“{raw}”")
        quota = _most_specific(fitting)
        return Resolution(quota.id, place_of(quota.region).merged(own))

    def _region_known(self, place: Place) -> bool:
        return any(n is not None and self._cell_place(n) is not None for n in place.parts())

    def _within(self, raw: str, key: str, place: Place) -> Resolution:
        """The wording among the quotas of documents covering `place`."""
        owners = self._by_key.get(key, [])
        covering = [q for q in owners if covers(q.region, place)]
        if not covering:  # a record placed only at a coarser level (黔东南州, 贵州技工)
            inside = [q for q in owners if place_of(q.region).agrees(place) and _coarser(place, q)]
            if len({q.source.document for q in inside}) == 1:
                covering = inside
        if not covering:
            accepted = "、".join(self.wordings(place)) or "（无）"
            msg = f"{place.label()}的目标目录中没有培训项目“{raw}”；可用的名称：{accepted}"
            return _reject(place, "programme_unknown", msg)
        best = _most_specific(covering)
        rivals = [q for q in covering if _depth(q) == _depth(best)]
        if len({q.source.document for q in rivals}) > 1:
            docs = "、".join(sorted({q.source.document for q in rivals}))
            return _reject(place, "programme_ambiguous", f"培训项目“{raw}”属于多个文件（{docs}）")
        return Resolution(best.id, place_of(best.region).merged(place))


def _coarser(place: Place, q: Quota) -> bool:
    """`place` names fewer levels than q's region (a record known only as 黔东南州)."""
    return sum(p is not None for p in place.parts()) < sum(
        r is not None for r in place_of(q.region).parts()
    )


def _level(place: Place) -> str:
    """The most specific level a place names."""
    return next(lv for lv, p in zip(LEVELS[::-1], place.parts()[::-1], strict=True) if p)


def _depth(q: Quota) -> int:
    return sum(r is not None for r in place_of(q.region).parts())


def _most_specific(quotas: list[Quota]) -> Quota:
    return max(quotas, key=_depth)


def _show(place: Place) -> str:
    return " ".join(p for p in place.parts() if p) or "空"


def _reject(place: Place, reason: RegionReason, message: str) -> Resolution:
    return Resolution(None, place, reason, message)
