"""Real places, plausible institutions and common names for the synthetic ledgers (demo.generate).

Towns, counties, cities and ID-number prefixes are real (GB/T 2260 codes); institution names are
fictional. Each institution and town carries a fixed certificate/employment effect (added to the
programme's base rate) so that some fall below the 80% / 30% eligibility line and some sit near it.
"""

from __future__ import annotations

from dataclasses import dataclass

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


KAILI_TOWNS = _places(
    "大十字街道:58 西门街道:29 城西街道:28 洗马河街道:49 湾溪街道:19 鸭塘街道:17 开怀街道:15 "
    "三棵树镇:49 舟溪镇:23 旁海镇:25 湾水镇:21 炉山镇:28 万潮镇:15 龙场镇:23 凯棠镇:17 "
    "大风洞镇:32 下司镇:35 碧波镇:23 炉碧经济开发区:6 黔东南高新技术产业开发区:8",
    522601,
)
DONGNING_TOWNS = _places(
    "东宁镇:70 绥阳镇:40 三岔口镇:25 大肚川镇:20 老黑山镇:15 道河镇:12", 231086
)
LINSHU_TOWNS = _places(
    "临沭街道:116 郑山街道:60 蛟龙镇:50 大兴镇:50 石门镇:53 曹庄镇:60 青云镇:50 玉山镇:40 "
    "店头镇:50 白旄镇:50",
    371329,
)
YUNCHENG_COUNTIES = _places(
    "盐湖区:72:140802 临猗县:55:140821 万荣县:42:140822 闻喜县:39:140823 稷山县:34:140824 "
    "新绛县:33:140825 绛县:28:140826 垣曲县:22:140827 夏县:34:140828 平陆县:25:140829 "
    "芮城县:39:140830 永济市:44:140881 河津市:40:140882"
)

# Zhejiang's 11 cities (2020 population, 10k) and their county-level divisions with codes.
_ZJ: dict[str, tuple[float, str]] = {
    "杭州市": (1194, "上城区:330102 拱墅区:330105 西湖区:330106 滨江区:330108 萧山区:330109 "
                     "余杭区:330110 富阳区:330111 临安区:330112 临平区:330113 钱塘区:330114 "
                     "桐庐县:330122 淳安县:330127 建德市:330182"),
    "宁波市": (940, "海曙区:330203 江北区:330205 北仑区:330206 镇海区:330211 鄞州区:330212 "
                    "奉化区:330213 象山县:330225 宁海县:330226 余姚市:330281 慈溪市:330282"),
    "温州市": (957, "鹿城区:330302 龙湾区:330303 瓯海区:330304 洞头区:330305 永嘉县:330324 "
                    "平阳县:330326 苍南县:330327 文成县:330328 泰顺县:330329 瑞安市:330381 "
                    "乐清市:330382 龙港市:330383"),
    "嘉兴市": (540, "南湖区:330402 秀洲区:330411 嘉善县:330421 海盐县:330424 海宁市:330481 "
                    "平湖市:330482 桐乡市:330483"),
    "湖州市": (337, "吴兴区:330502 南浔区:330503 德清县:330521 长兴县:330522 安吉县:330523"),
    "绍兴市": (527, "越城区:330602 柯桥区:330603 上虞区:330604 新昌县:330624 诸暨市:330681 "
                    "嵊州市:330683"),
    "金华市": (705, "婺城区:330702 金东区:330703 武义县:330723 浦江县:330726 磐安县:330727 "
                    "兰溪市:330781 义乌市:330782 东阳市:330783 永康市:330784"),
    "衢州市": (228, "柯城区:330802 衢江区:330803 常山县:330822 开化县:330824 龙游县:330825 "
                    "江山市:330881"),
    "舟山市": (116, "定海区:330902 普陀区:330903 岱山县:330921 嵊泗县:330922"),
    "台州市": (662, "椒江区:331002 黄岩区:331003 路桥区:331004 三门县:331022 天台县:331023 "
                    "仙居县:331024 温岭市:331081 临海市:331082 玉环市:331083"),
    "丽水市": (251, "莲都区:331102 青田县:331121 缙云县:331122 遂昌县:331123 松阳县:331124 "
                    "云和县:331125 庆元县:331126 景宁畲族自治县:331127 龙泉市:331181"),
}  # fmt: skip
ZHEJIANG_COUNTIES = tuple(
    place
    for city, (weight, spec) in _ZJ.items()
    for place in _places(
        " ".join(
            f"{n}:{weight / len(spec.split())}:{c}" for n, c in (i.split(":") for i in spec.split())
        ),
        parent=city,
    )
)
# Zhejiang trains many workers registered elsewhere:
# 安徽临泉, 河南淅川, 贵州大方, 四川蓬溪, 江西鄱阳.
MIGRANT_PREFIXES = (341221, 411323, 522422, 510921, 362330)
MIGRANT_SHARE = 0.25

_KAILI_INSTITUTIONS = (
    "凯里市金凯职业技能培训学校", "凯里市苗岭职业技能培训学校", "凯里市清水江职业培训学校",
    "黔东南州鼎信职业技能培训学校", "凯里市香炉山技能培训中心", "凯里市巴拉河家政职业培训学校",
    "凯里市融湾职业技能培训学校", "凯里市锦绣苗乡手工艺培训中心",
    "凯里市酸汤坊餐饮职业技能培训学校", "凯里市启航创业培训中心", "黔东南州宏达技工培训学校",
    "凯里市惠民农业技术培训中心",
)  # fmt: skip
_DONGNING_INSTITUTIONS = (
    "东宁市绥芬河职业技能培训学校", "东宁市金源职业培训学校", "东宁市木耳产业技术培训中心",
    "东宁市瑞丰职业技能培训学校", "东宁市康馨母婴护理培训学校", "东宁市边城技工培训中心",
)  # fmt: skip
_LINSHU_INSTITUTIONS = (
    "临沭县鑫源职业培训学校", "临沭县沭河职业技能培训学校", "临沭县苍马山技能培训中心",
    "临沭县柳韵工艺培训学校", "临沂市鲁东职业技能培训学校", "临沭县惠农农业技术培训中心",
    "临沭县德诚家政职业培训学校",
)  # fmt: skip
_YUNCHENG_WORDS = ("河东", "中条", "华晋", "舜都", "黄河", "关圣", "晋南", "盐池", "涑水", "后稷")
_YUNCHENG_KINDS = ("职业培训学校", "职业技能培训中心", "技工培训学校")
_ZJ_WORDS = {
    "杭州市": ("之江", "钱塘", "西溪", "临江"), "宁波市": ("明州", "甬江", "三江"),
    "温州市": ("瓯江", "东瓯", "雁荡"), "嘉兴市": ("南湖", "禾城"), "湖州市": ("太湖", "苕溪"),
    "绍兴市": ("越州", "鉴湖", "兰亭"), "金华市": ("婺州", "八咏", "双龙"),
    "衢州市": ("三衢", "信安"), "舟山市": ("东海", "蓝海"), "台州市": ("灵江", "括苍", "天台山"),
    "丽水市": ("括州", "瓯越"),
}  # fmt: skip


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
    """The region's training institutions, each with its fixed rate effects."""
    if region == "kaili":
        return _with_effects(_KAILI_INSTITUTIONS)
    if region == "dongning":
        return _with_effects(_DONGNING_INSTITUTIONS, 3)
    if region == "linshu":
        return _with_effects(_LINSHU_INSTITUTIONS, 5)
    if region == "yuncheng":
        names = tuple(
            f"{county.name[:-1] if len(county.name) > 2 else county.name}"
            f"{_YUNCHENG_WORDS[(i + k) % len(_YUNCHENG_WORDS)]}{_YUNCHENG_KINDS[k]}"
            for i, county in enumerate(YUNCHENG_COUNTIES)
            for k in range(len(_YUNCHENG_KINDS))
        )
        return _with_effects(names, 1)
    if region == "zhejiang":
        names = tuple(
            f"{city[:-1]}{word}职业技能培训学校"
            for city, words in _ZJ_WORDS.items()
            for word in words
        )
        return _with_effects(names, 2)
    raise ValueError(f"unknown region {region!r}; expected one of {', '.join(REGION_KEYS)}")


def places(region: RegionKey) -> tuple[Place, ...]:
    """The places a region's trainees come from: towns, or counties for Yuncheng and Zhejiang."""
    table = {
        "kaili": KAILI_TOWNS,
        "dongning": DONGNING_TOWNS,
        "linshu": LINSHU_TOWNS,
        "yuncheng": YUNCHENG_COUNTIES,
        "zhejiang": ZHEJIANG_COUNTIES,
    }
    if region not in table:
        raise ValueError(f"unknown region {region!r}; expected one of {', '.join(REGION_KEYS)}")
    return table[region]


REGION_KEYS: tuple[RegionKey, ...] = ("kaili", "zhejiang", "dongning", "yuncheng", "linshu")

# Where trainees find work: (place, weight); the first is the home area.
EMPLOYMENT_PLACES: dict[RegionKey, tuple[tuple[str, float], ...]] = {
    "kaili": (("凯里市", 60), ("黔东南州", 12), ("贵阳市", 10), ("广东省佛山市", 8),
              ("广东省东莞市", 5), ("浙江省宁波市", 5)),
    "dongning": (("东宁市", 70), ("牡丹江市", 12), ("绥芬河市", 10), ("哈尔滨市", 8)),
    "linshu": (("临沭县", 65), ("临沂市", 15), ("日照市", 6), ("江苏省连云港市", 8), ("青岛市", 6)),
    "yuncheng": (("", 70), ("运城市", 15), ("太原市", 8), ("陕西省西安市", 7)),  # "": own county
    "zhejiang": (("", 85), ("杭州市", 8), ("上海市", 4), ("江苏省苏州市", 3)),  # "": own city
}  # fmt: skip
FOSHAN = "广东省佛山市"

# Common surnames (share in ‰, roughly national), with regional boosts applied in surnames().
_SURNAMES = (
    "王71 李70 张67 刘54 陈45 杨31 黄22 赵20 吴20 周19 徐15 孙14 马13 朱13 胡12 郭12 何12 高11 "
    "林11 罗11 郑10 梁9 谢8 宋8 唐8 许7 韩7 冯7 邓7 曹7 彭6 曾6 肖6 田6 董6 袁5 潘5 于5 蒋5 蔡5 "
    "余5 杜5 叶5 程5 苏4 魏4 吕4 丁4 任4 沈4 姚4 卢4 姜4 崔4 钟4 谭3 陆3 汪3 范3 金3 石3 廖3 贾3 "
    "夏3 韦3 付3 方3 白3 邹3 孟3 熊3 秦3 邱3 江3 尹3 薛3 闫2 段2 雷2 侯2 龙2 史2 陶2 黎2 贺2 顾2 "
    "毛2 郝2 龚2 邵2 万2 钱2 严2 武2 戴2 孔2 向2 汤2 欧阳1"
)
_BOOSTS: dict[RegionKey, str] = {
    "kaili": "杨6 吴6 潘10 龙10 石8 顾6 万4 邰4 欧4 文3 姜3 罗2",
    "zhejiang": "陈2 徐2 金4 钱4 沈3 叶3 应3 楼3 周2 方2",
    "dongning": "于4 孙2 姜3 曲4 隋3 赵2 刘1.5",
    "yuncheng": "薛5 卫4 柴4 畅4 裴4 杨1.5 张1.5",
    "linshu": "王1.5 徐2 孙2 高2 杜3 褚3 庄3 朱1.5",
}


def _parse_weights(spec: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in spec.split():
        split = next(i for i, ch in enumerate(item) if ch.isdigit())
        out[item[:split]] = float(item[split:])
    return out


def surnames(region: RegionKey) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The region's surnames and their relative weights."""
    weights = _parse_weights(_SURNAMES)
    for name, factor in _parse_weights(_BOOSTS.get(region, "")).items():
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
