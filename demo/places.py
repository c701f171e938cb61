"""Real places, plausible institutions and common names for the synthetic ledgers (demo.generate).

Towns, counties, cities and ID-number prefixes are real (GB/T 2260 codes); institution names are
fictional. Each institution and town carries a fixed certificate/employment effect (added to the
programme's base rate) so that some fall below the 80% / 30% eligibility line and some sit near it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from demo.flavour import flavour

RegionKey = str  # "kaili", "zhejiang", "dongning", "yuncheng", "linshu": a quota id's prefix


@dataclass(frozen=True)
class Place:
    """A town, county or city: where trainees live and what ID prefix they were registered under."""

    name: str
    weight: float  # relative number of people (roughly the population)
    id_prefix: int  # the 6-digit administrative code at the start of its people's ID numbers
    parent: str = ""  # the city of a Zhejiang county


@dataclass(frozen=True)
class Institution:
    name: str
    certified_effect: float  # added to the programme's base certificate rate
    employed_effect: float
    home: str = ""  # Zhejiang: its city, Yuncheng: its county; it trains people from there
    speciality: tuple[str, ...] = ()  # profile keys it teaches besides general programmes


# Name keyword → the profiles (demo.profiles) a specialised institution teaches.
SPECIALITIES: dict[str, tuple[str, ...]] = {
    "家政": ("housekeeping", "childcare", "eldercare", "order", "project"),
    "母婴": ("childcare", "housekeeping", "eldercare"),
    "手工艺": ("tourism",),
    "餐饮": ("chef", "tourism"),
    "创业": ("startup",),
    "农业": ("agri_short", "farmer", "fungus"),
    "木耳": ("fungus", "farmer", "agri_short"),
    "技工": ("technician", "project", "order", "enterprise", "metallurgy"),
    "融湾": ("order", "technician", "housekeeping"),
    "工艺": ("wicker", "tourism"),
}


# (certificate, employment) effects cycled over institutions and towns: some comfortably above
# the 80% / 30% line, some a point or two either side of it, some clearly below.
INSTITUTION_EFFECTS = (
    (0.06, 0.10), (-0.14, -0.16), (0.02, 0.03), (-0.05, -0.03), (0.08, 0.15),
    (-0.03, -0.11), (0.00, 0.06), (0.04, -0.06), (-0.09, 0.08), (0.05, 0.12),
)  # fmt: skip
TOWN_EFFECTS = (
    (0.02, 0.03), (-0.04, -0.05), (0.00, 0.00), (0.03, 0.04), (-0.06, -0.07),
    (0.01, 0.02), (-0.02, -0.02), (0.04, 0.05),
)  # fmt: skip
# Share of its allocation a town reaches relative to the average: some towns lag behind.
TOWN_PACE = (1.08, 0.82, 1.0, 1.12, 0.7, 0.95, 1.03, 0.9, 1.15, 0.78, 1.0, 1.06)


def _places(spec: str, prefix: int = 0, parent: str = "") -> tuple[Place, ...]:
    """'name:weight[:code] …' → places (code defaults to the region's prefix)."""
    out = []
    for item in spec.split():
        name, weight, *code = item.split(":")
        out.append(Place(name, float(weight), int(code[0]) if code else prefix, parent))
    return tuple(out)


def _towns(region: RegionKey) -> tuple[Place, ...]:
    f = flavour(region)
    return _places(f.towns, f.id_prefix)


KAILI_TOWNS = _towns("kaili")
DONGNING_TOWNS = _towns("dongning")
LINSHU_TOWNS = _towns("linshu")
YUNCHENG_COUNTIES = _towns("yuncheng")
# Zhejiang's 11 cities (2020 population, 10k) and their county-level divisions with codes.
_ZJ: dict[str, dict[str, Any]] = flavour("zhejiang").data["cities"]
ZHEJIANG_COUNTIES = tuple(
    place
    for city, c in _ZJ.items()
    for place in _places(
        " ".join(
            f"{n}:{c['weight'] / len(c['counties'].split())}:{code}"
            for n, code in (i.split(":") for i in c["counties"].split())
        ),
        parent=city,
    )
)
# Zhejiang trains many workers registered elsewhere.
MIGRANT_PREFIXES = tuple(int(x) for x in flavour("zhejiang").data["migrant_prefixes"])
MIGRANT_SHARE = float(flavour("zhejiang").data["migrant_share"])


def _with_effects(
    names: tuple[str, ...], offset: int = 0, homes: tuple[str, ...] = ()
) -> tuple[Institution, ...]:
    n = len(INSTITUTION_EFFECTS)
    return tuple(
        Institution(
            name,
            *INSTITUTION_EFFECTS[(i + offset) % n],
            home=homes[i] if homes else "",
            speciality=next((v for k, v in SPECIALITIES.items() if k in name), ()),
        )
        for i, name in enumerate(names)
    )


def institutions(region: RegionKey) -> tuple[Institution, ...]:
    """The region's training institutions, each with its fixed rate effects: named in its
    flavour (demo.flavour), or made of its counties' or cities' names and words."""
    f = flavour(region)
    if region == "yuncheng":
        words, kinds = f.data["institution_words"], f.data["institution_kinds"]
        names = tuple(
            f"{county.name[:-1] if len(county.name) > 2 else county.name}"
            f"{words[(i + k) % len(words)]}{kinds[k]}"
            for i, county in enumerate(YUNCHENG_COUNTIES)
            for k in range(len(kinds))
        )
        return _with_effects(names, f.effects_offset)
    if region == "zhejiang":
        names = tuple(
            f"{city[:-1]}{word}职业技能培训学校"
            for city, c in _ZJ.items()
            for word in c["institution_words"]
        )
        return _with_effects(names, f.effects_offset)
    return _with_effects(f.institutions, f.effects_offset)


def places(region: RegionKey) -> tuple[Place, ...]:
    """The places a region's trainees come from: towns, or counties for Yuncheng and Zhejiang
    (from its flavour, demo.flavour)."""
    return ZHEJIANG_COUNTIES if region == "zhejiang" else _towns(region)


REGION_KEYS: tuple[RegionKey, ...] = ("kaili", "zhejiang", "dongning", "yuncheng", "linshu")
FOSHAN = "广东省佛山市"


def employment_places(region: RegionKey) -> tuple[tuple[str, float], ...]:
    """Where a region's employed trainees work: (place, weight), the first its home area ("" for
    Yuncheng's and Zhejiang's: the trainee's own county or city)."""
    return flavour(region).employment


# Common surnames (share in ‰, roughly national), with each region's boosts (its flavour's
# `surnames`) applied in surnames().
_SURNAMES = (
    "王71 李70 张67 刘54 陈45 杨31 黄22 赵20 吴20 周19 徐15 孙14 马13 朱13 胡12 郭12 何12 高11 "
    "林11 罗11 郑10 梁9 谢8 宋8 唐8 许7 韩7 冯7 邓7 曹7 彭6 曾6 肖6 田6 董6 袁5 潘5 于5 蒋5 蔡5 "
    "余5 杜5 叶5 程5 苏4 魏4 吕4 丁4 任4 沈4 姚4 卢4 姜4 崔4 钟4 谭3 陆3 汪3 范3 金3 石3 廖3 贾3 "
    "夏3 韦3 付3 方3 白3 邹3 孟3 熊3 秦3 邱3 江3 尹3 薛3 闫2 段2 雷2 侯2 龙2 史2 陶2 黎2 贺2 顾2 "
    "毛2 郝2 龚2 邵2 万2 钱2 严2 武2 戴2 孔2 向2 汤2 欧阳1"
)


def _parse_weights(spec: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in spec.split():
        split = next(i for i, ch in enumerate(item) if ch.isdigit())
        out[item[:split]] = float(item[split:])
    return out


def surnames(region: RegionKey) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The region's surnames and their relative weights."""
    weights = _parse_weights(_SURNAMES)
    for name, factor in _parse_weights(flavour(region).surnames).items():
        weights[name] = weights.get(name, 2.0) * factor
    return tuple(weights), tuple(weights.values())


GIVEN_MALE = tuple(
    "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳东海亮成峰建文志国兵德永春家子博昊睿宏金晨"
)
GIVEN_FEMALE = tuple(
    "芳娜敏静丽艳娟霞秀玲燕红英梅琳丹萍洁雪婷慧佳颖倩琴云莉兰凤欣悦怡梦瑶露蓉月晶妍彩玉桂春美雅"
)
# Mobile number prefixes (China Mobile / Unicom / Telecom).
PHONE_PREFIXES = (
    134, 135, 136, 137, 138, 139, 147, 150, 151, 152, 157, 158, 159, 178, 182, 183, 187, 188,
    198, 130, 131, 132, 155, 156, 166, 176, 185, 186, 133, 153, 173, 177, 180, 181, 189, 199,
)  # fmt: skip
