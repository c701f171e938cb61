"""What a programme's training looks like, for the synthetic ledgers (demo.generate).

A profile gives the occupations (工种) with their levels and certificate, the course length, the
trainee categories and the base certificate / employment rates. A quota gets the first profile
whose keywords appear in its name or aliases (see profile_for).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from catalogue.model import Quota

SKILL_LEVELS = ("初级", "初级", "中级", "中级", "高级")
SPECIAL = ("专项能力",)
LEVEL_CERT = "职业技能等级证书"
SPECIAL_CERT = "专项职业能力证书"
PASS_CERT = "培训合格证书"


@dataclass(frozen=True)
class Occupation:
    name: str
    male_share: float
    levels: tuple[str, ...] = SKILL_LEVELS
    certificate: str = LEVEL_CERT


@dataclass(frozen=True)
class Profile:
    key: str
    occupations: tuple[Occupation, ...]
    days: tuple[int, int]  # course length in days, inclusive range
    categories: tuple[tuple[str, float], ...]  # (人员类别, weight)
    certified: float  # base certificate rate
    employed: float  # base employment rate
    hours_per_day: int = 8
    class_size: int = 40
    max_age: int = 60


def occ(
    spec: str, male: float, levels: tuple[str, ...] = SKILL_LEVELS, cert: str = LEVEL_CERT
) -> tuple[Occupation, ...]:
    """Occupations named in `spec` (space-separated) sharing sex ratio, levels and certificate."""
    return tuple(Occupation(name, male, levels, cert) for name in spec.split())


Categories = tuple[tuple[str, float], ...]
GEN: Categories = (
    ("农村劳动力", 34),
    ("脱贫劳动力", 14),
    ("失业人员", 10),
    ("高校毕业生", 8),
    ("企业职工", 14),
    ("退役军人", 3),
    ("就业困难人员", 5),
    ("易地搬迁劳动力", 5),
    ("两后生", 4),
    ("返乡农民工", 3),
)
RURAL: Categories = (
    ("农村劳动力", 60),
    ("脱贫劳动力", 28),
    ("易地搬迁劳动力", 8),
    ("返乡农民工", 4),
)
WORKERS: Categories = (("企业职工", 1),)
STARTUP: Categories = (
    ("高校毕业生", 35),
    ("返乡农民工", 30),
    ("退役军人", 10),
    ("失业人员", 10),
    ("农村劳动力", 15),
)
YOUTH: Categories = (("高校毕业生", 55), ("两后生", 45))

MAKING = occ("电工 焊工 钳工 车工 铣工 数控车工 电子设备装接工 工业机器人系统操作员", 0.85)
CARE = occ("家政服务员 家政服务员 育婴员 养老护理员 保育员 保洁员", 0.08)
TOURISM = occ("导游 客房服务员 餐厅服务员 前厅服务员 民宿管家 景区讲解员", 0.35) + occ(
    "苗绣 银饰制作 蜡染", 0.1, SPECIAL, SPECIAL_CERT
)
FARMING = occ(
    "蓝莓种植 水稻种植 食用菌种植 中药材种植 生猪养殖 稻田养鱼 肉牛养殖 茶叶种植",
    0.55,
    ("",),
    PASS_CERT,
)
FARMER = occ("农业经理人 农机修理工 家禽饲养员 果树种植 蔬菜种植 农业技术员", 0.6)
START = occ("创业培训（SYB） 网络创业培训 创业模拟实训", 0.55, ("",), "创业培训合格证书")
COMPANY = occ("电工 焊工 叉车司机 钳工 仓储管理员 电子设备装接工 玻璃制品加工工", 0.75)
SITE = occ("砌筑工 钢筋工 混凝土工 架子工 防水工 建筑电工", 0.9)
HAZARD = occ(
    "低压电工作业 焊接与热切割作业 高处作业 危险化学品安全作业", 0.9, ("",), "特种作业操作证"
)
DISABLED = occ("保健按摩师 手工编织 电子商务师 中式面点师", 0.5, ("初级", "专项能力"))
YOUNG = occ("电子商务师 中式烹调师 美容师 汽车维修工 计算机程序设计员", 0.5)
ORDER = occ("电工 焊工 叉车司机", 0.85) + occ("保育员 家政服务员", 0.05)
PROJECT = occ("电工 焊工 叉车司机", 0.85) + occ("家政服务员 育婴员", 0.05)
GENERAL = MAKING[:3] + occ("中式烹调师 家政服务员 养老护理员 电子商务师 保安员 育婴员", 0.4)

PROFILES: dict[str, Profile] = {
    p.key: p
    for p in (
        Profile("technician", MAKING, (15, 30), GEN, 0.86, 0.45),
        Profile(
            "security", occ("安全防范系统安装维护员 电子设备装接工", 0.8), (10, 20), GEN, 0.86, 0.45
        ),
        Profile(
            "automotive", occ("汽车维修工 汽车装调工 汽车涂装工", 0.9), (15, 30), GEN, 0.86, 0.45
        ),
        Profile(
            "chemical", occ("化工总控工 化学检验员 药物制剂工", 0.75), (10, 25), GEN, 0.86, 0.42
        ),
        Profile("textile", occ("缝纫工 服装制版师 纺织染色工", 0.2), (10, 25), GEN, 0.86, 0.42),
        Profile("chef", occ("中式烹调师 中式烹调师 中式面点师", 0.55), (10, 20), GEN, 0.86, 0.40),
        Profile("housekeeping", CARE, (8, 15), GEN, 0.86, 0.40),
        Profile("eldercare", occ("养老护理员", 0.15), (10, 20), GEN, 0.86, 0.42),
        Profile("childcare", occ("育婴员 保育员 母婴护理员", 0.03), (10, 20), GEN, 0.86, 0.40),
        Profile("tourism", TOURISM, (5, 12), GEN, 0.85, 0.40),
        Profile("agri_short", FARMING, (1, 3), RURAL, 0.88, 0.30, class_size=50, max_age=65),
        Profile("farmer", FARMER, (5, 15), RURAL, 0.85, 0.35, max_age=65),
        Profile(
            "fungus",
            occ("食用菌生产工 黑木耳种植", 0.5, ("初级", "专项能力"), SPECIAL_CERT),
            (5, 10),
            RURAL,
            0.88,
            0.40,
            max_age=65,
        ),
        Profile("startup", START, (8, 12), STARTUP, 0.88, 0.35, class_size=30),
        Profile("enterprise", COMPANY, (5, 15), WORKERS, 0.86, 0.95),
        Profile(
            "ecommerce", occ("电子商务师 互联网营销师 直播销售员", 0.4), (7, 15), GEN, 0.85, 0.38
        ),
        Profile("courier", occ("快递员 快件处理员", 0.75), (5, 10), WORKERS, 0.88, 0.9),
        Profile(
            "transport",
            occ("道路货运驾驶员 道路客运驾驶员 汽车维修工", 0.92),
            (5, 12),
            WORKERS,
            0.88,
            0.9,
        ),
        Profile("construction", SITE, (7, 15), WORKERS, 0.85, 0.8),
        Profile("hazard", HAZARD, (3, 7), WORKERS, 0.88, 0.95),
        Profile(
            "apprentice", MAKING, (300, 365), WORKERS, 0.86, 0.95, hours_per_day=2, class_size=25
        ),
        Profile(
            "veterans",
            occ("电工 保安员 汽车维修工 无人机驾驶员 电子商务师", 0.9),
            (10, 20),
            (("退役军人", 1),),
            0.86,
            0.45,
        ),
        Profile("disabled", DISABLED, (10, 20), (("残疾人", 1),), 0.82, 0.35, class_size=25),
        Profile("youth", YOUNG, (15, 30), YOUTH, 0.86, 0.40),
        Profile(
            "metallurgy",
            occ("铝电解工 镁冶炼工 金属热处理工 电工 焊工", 0.9),
            (10, 15),
            GEN,
            0.86,
            0.42,
        ),
        Profile(
            "wicker",
            occ("柳编 手工编织", 0.3, SPECIAL, SPECIAL_CERT),
            (5, 10),
            RURAL,
            0.88,
            0.45,
            max_age=65,
        ),
        Profile("order", ORDER, (20, 45), GEN, 0.9, 0.78, class_size=45),
        Profile("project", PROJECT, (15, 30), GEN, 0.87, 0.45),
        Profile("general", GENERAL, (8, 15), GEN, 0.86, 0.40),
    )
}

# First match wins: (keywords in the quota's name/aliases, profile key). Specific before general.
RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("短平快", "种植养殖"), "agri_short"),
    (("订单", "融湾"), "order"),
    (("项目制",), "project"),
    (("木耳",), "fungus"),
    (("母婴",), "childcare"),
    (("学徒",), "apprentice"),
    (("安防",), "security"),
    (("汽车",), "automotive"),
    (("化工", "制药"), "chemical"),
    (("纺织", "服装"), "textile"),
    (("黔菜", "烹饪", "餐饮", "粤菜"), "chef"),
    (("养老",), "eldercare"),
    (("育婴", "托幼"), "childcare"),
    (("家政", "金服"), "housekeeping"),
    (("旅", "非遗"), "tourism"),
    (("电子商务", "电商"), "ecommerce"),
    (("快递", "邮政"), "courier"),
    (("道路运输", "道路運輸"), "transport"),
    (("建筑", "建築"), "construction"),
    (("高危", "特种", "特種", "安全技能"), "hazard"),
    (("退役军人", "退役軍人"), "veterans"),
    (("残疾", "殘疾"), "disabled"),
    (("高校", "毕业生", "畢業生", "两后生", "金苗"), "youth"),
    (("创业", "創業", "马兰花", "農創", "农创", "金创", "金創"), "startup"),
    (("农民工", "農民工", "失业", "失業"), "general"),
    (("农", "農", "金穗"), "farmer"),
    (("企业", "企業", "职工", "職工", "岗前"), "enterprise"),
    (("铝", "冶金", "装备制造"), "metallurgy"),
    (("柳编",), "wicker"),
    (("技工", "智能制造", "智慧型製造", "製造", "金钥", "金鑰", "高技能"), "technician"),
)


# Local specialities added to a region's general and farmer training.
REGION_EXTRAS: dict[str, tuple[Occupation, ...]] = {
    "kaili": occ("苗绣 蜡染", 0.05, SPECIAL, SPECIAL_CERT),
    "dongning": occ("黑木耳种植", 0.5, ("初级", "专项能力"), SPECIAL_CERT)
    + occ("母婴护理员", 0.02),
    "linshu": occ("柳编", 0.3, SPECIAL, SPECIAL_CERT),
    "yuncheng": occ("果树种植 铝电解工", 0.6),
}


def profile_for(quota: Quota, region: str) -> Profile:
    """The profile whose keywords first appear in the quota's name or aliases; else 'general'."""
    text = " ".join((quota.name, *quota.aliases))
    key = next((k for words, k in RULES if any(w in text for w in words)), "general")
    profile = PROFILES[key]
    if key in ("general", "farmer") and region in REGION_EXTRAS:
        return replace(profile, occupations=profile.occupations + REGION_EXTRAS[region])
    return profile


def base_rates(quota: Quota, profile: Profile) -> tuple[float, float]:
    """Base (certificate, employment) rates: near the quota's own thresholds where it sets them."""
    cert, emp = profile.certified, profile.employed
    if quota.certificate_threshold is not None:
        cert = max(cert, quota.certificate_threshold + 0.05)
    if quota.employment_threshold is not None:
        emp = max(emp, quota.employment_threshold + 0.05)
    return min(cert, 0.97), min(emp, 0.97)
