"""A region's flavour for the synthetic ledgers — its towns, institutions, where people work, its
surnames — as data: catalogue/demo/<key>.toml beside the catalogue, over a generic fallback made
from the quota's own region, so that a new catalogue file never stops the demo.

The key is a quota id's prefix (`kaili` of kaili-2024). The fields are described in
catalogue/demo/README.md; every one is optional. A region without a file gets a few towns named
after nothing in particular, institutions of the usual kinds named after the region, ID numbers of
its province, and work at home, in its city and its province.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from catalogue.loader import CATALOGUE_DIR
from catalogue.model import Region

FLAVOUR_DIR = CATALOGUE_DIR.parent / "demo"
# GB/T 2260 province codes: a generic region's ID numbers start with its province's (+ "0101").
PROVINCES = {
    "北京": 11, "天津": 12, "河北": 13, "山西": 14, "内蒙古": 15, "辽宁": 21, "吉林": 22,
    "黑龙江": 23, "上海": 31, "江苏": 32, "浙江": 33, "安徽": 34, "福建": 35, "江西": 36,
    "山东": 37, "河南": 41, "湖北": 42, "湖南": 43, "广东": 44, "广西": 45, "海南": 46,
    "重庆": 50, "四川": 51, "贵州": 52, "云南": 53, "西藏": 54, "陕西": 61, "甘肃": 62,
    "青海": 63, "宁夏": 64, "新疆": 65,
}  # fmt: skip
GENERIC_TOWNS = "城关镇:40 东城街道:25 西城街道:22 新城镇:15 北山乡:10 南湖乡:8"
GENERIC_KINDS = ("职业技能培训学校", "技工培训中心", "家政职业培训学校", "农业技术培训中心")
_REGIONS: dict[str, Region] = {}  # key → the region of its quotas (demo.plan registers them)


@dataclass(frozen=True)
class Flavour:
    key: str
    towns: str  # name:weight[:code] …
    id_prefix: int  # the code of the towns that do not give their own
    institutions: tuple[str, ...]
    effects_offset: int  # where in demo.places.INSTITUTION_EFFECTS its institutions start
    employment: tuple[tuple[str, float], ...]  # (place, weight); "": the trainee's own place
    surnames: str  # boosts of the national surname weights
    class_code: str
    written: tuple[str | None, str | None]  # (county, city) as the ledgers write them
    data: dict[str, Any]  # the file's fields, for what only some regions have (cities, …)


def register(key: str, region: Region) -> None:
    """Remember the region of a key's quotas: the generic flavour is made from it."""
    if _REGIONS.get(key) != region:
        _REGIONS[key] = region
        flavour.cache_clear()


def pairs(spec: str) -> tuple[tuple[str, float], ...]:
    """'place:weight …' → ((place, weight), …); a place may be empty (':70')."""
    return tuple((p.rsplit(":", 1)[0], float(p.rsplit(":", 1)[1])) for p in spec.split())


@cache
def flavour(key: str) -> Flavour:
    """The key's flavour: its data file's fields over the generic ones."""
    path = FLAVOUR_DIR / f"{key}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    region = _REGIONS.get(key, Region("北京市"))
    place = region.county or region.city or region.province
    short = place[:-1] if len(place) > 2 and place[-1] in "市县区州盟旗" else place
    code = next((c for p, c in PROVINCES.items() if region.province.startswith(p)), 11)
    above = [p for p in (region.city, region.province) if p and p != place]
    weights = (20, 10)[: len(above)]
    home = " ".join([f"{place}:70", *(f"{p}:{w}" for p, w in zip(above, weights, strict=True))])
    county, city = data.get("written", [region.county or "", "" if region.county else region.city])
    return Flavour(
        key=key,
        towns=str(data.get("towns", GENERIC_TOWNS)),
        id_prefix=int(data.get("id_prefix", code * 10_000 + 101)),
        institutions=tuple(data.get("institutions", [short + k for k in GENERIC_KINDS])),
        effects_offset=int(data.get("effects_offset", len(key))),
        employment=pairs(str(data.get("employment", home))),
        surnames=str(data.get("surnames", "")),
        class_code=str(data.get("class_code", key[:2].upper())),
        written=(county or None, city or None),
        data=data,
    )
