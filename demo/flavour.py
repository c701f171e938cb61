"""A region's flavour for the synthetic ledgers — its towns, institutions, where people work, its
surnames — as data: catalogue/demo/<key>.toml beside the catalogue, else a generic fallback made
from the quota's own region, so that a new catalogue file never stops the demo.

The key is a quota id's prefix (`kaili` of kaili-2024). The five regions the demo was written for
keep their hand-tuned tables in demo.places; any other key is read from its data file, or made
generic: a few towns named after the region, institutions of the usual kinds, the province's ID
prefix. A file (all fields optional; see catalogue/demo/README.md):

    towns = "城关镇:40 东城街道:25"          # name:weight[:6-digit code]
    id_prefix = 371329                      # the region's code, for towns without their own
    institutions = ["某县职业技能培训学校"]
    employment = "某县:70 某市:20"           # place:weight, where the employed work
    surnames = "王2 孙1.5"                   # boosts of the national surname weights
    class_code = "MX"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

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
    id_prefix: int
    institutions: tuple[str, ...]
    employment: tuple[tuple[str, float], ...]
    surnames: str
    class_code: str
    written: tuple[str | None, str | None]  # (county, city) as the ledgers write them


def register(key: str, region: Region) -> None:
    """Remember the region of a key's quotas: the generic flavour is made from it."""
    if _REGIONS.get(key) != region:
        _REGIONS[key] = region
        flavour.cache_clear()


def _pairs(spec: str) -> tuple[tuple[str, float], ...]:
    return tuple((p.rsplit(":", 1)[0], float(p.rsplit(":", 1)[1])) for p in spec.split())


@cache
def flavour(key: str) -> Flavour:
    """The key's flavour: its data file's fields over the generic ones."""
    region = _REGIONS.get(key, Region("北京市"))
    place = region.county or region.city or region.province
    short = place[:-1] if len(place) > 2 and place[-1] in "市县区州盟旗" else place
    code = next((c for p, c in PROVINCES.items() if region.province.startswith(p)), 11)
    data: dict[str, object] = {}
    path = FLAVOUR_DIR / f"{key}.toml"
    if path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    above = [p for p in (region.city, region.province) if p and p != place]
    weights = (20, 10)[: len(above)]
    employment = " ".join(
        [f"{place}:70", *(f"{p}:{w}" for p, w in zip(above, weights, strict=True))]
    )
    return Flavour(
        key=key,
        towns=str(data.get("towns", GENERIC_TOWNS)),
        id_prefix=int(str(data.get("id_prefix", code * 10_000 + 101))),
        institutions=tuple(
            str(n) for n in _list(data.get("institutions")) or [short + k for k in GENERIC_KINDS]
        ),
        employment=_pairs(str(data.get("employment", employment))),
        surnames=str(data.get("surnames", "")),
        class_code=str(data.get("class_code", key[:2].upper())),
        written=(region.county, None) if region.county else (None, region.city),
    )


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
