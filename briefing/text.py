"""The briefing's sentences, written from the figures, in the register of a bureau's 通报.

Numbers are formatted as the dashboard formats them (ui.fmt: 6,787 · 85.8% · one decimal for
points), so a figure read aloud from the document equals the one on the screen. Names that users
type (towns, institutions, file names) are shown as typed (`shown`); only the workbook needs
guarding against formulas, and does it itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from briefing.changes import PlanChanges, RowChange
from briefing.figures import (
    SHORT,
    Briefing,
    Freshness,
    Institution,
    Institutions,
    Place,
    Places,
    Row,
)
from ui import fmt
from ui.i18n import status_word

LEVEL_WORDS = {"town": "镇（街道）", "county": "县（市、区）", "city": "市（州）"}
MEASURE_VERBS = {"trained": "培训", "certified": "取证", "employed": "就业"}
RECIPIENTS = {
    "county": "各镇（街道）、各有关单位、各定点培训机构：",
    "city": "各县（市、区）人力资源和社会保障局，各有关单位、各定点培训机构：",
    "province": "各市人力资源和社会保障局：",
}


def shown(name: str | None, blank: str = "（未填）") -> str:
    """A user-typed name as typed, `blank` for a missing one. Documents and slides show it as
    it is; the workbook keeps it from ever running as a formula (briefing.xlsx_book.Book.text)."""
    return name if name is not None and name.strip() else blank


def day(d: date | None) -> str:
    """2025年6月30日."""
    return "—" if d is None else f"{d.year}年{d.month}月{d.day}日"


CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 21 → 二十一, 100 → 一百 (headings of 通报 never
    switch to Arabic digits)."""
    if n < 0:
        raise ValueError(f"no Chinese numeral for {n}")
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return CN_DIGITS[hundreds] + "百" if hundreds < 10 else str(n)
    glue = "零" if rest < 10 else ""
    tail = chinese_number(rest) if rest >= 20 or rest < 10 else "一" + chinese_number(rest)
    return (CN_DIGITS[hundreds] + "百" + glue + tail) if hundreds < 10 else str(n)


def whole(place: str) -> str:
    """全市 / 全县 / 全区 / 全省 / 全州, from the place's own name."""
    last = place[-1:] if place else ""
    return f"全{last}" if last in "市县区省州" and last else "全市"


def quantity(n: int | None, unit: str) -> str:
    return f"{fmt.num(n)}{unit}"


def points(share: float | None) -> str:
    """A difference of two shares as unsigned points: 12.3."""
    return "—" if share is None else f"{abs(share) * 100:.1f}"


def pace(row: Row) -> str:
    """高于序时进度（74.8%）11.0个百分点 / 低于… / 与序时进度持平."""
    if row.completion is None or row.time_progress is None:
        return ""
    gap = row.completion - row.time_progress
    tp = fmt.pct(row.time_progress)
    if gap == 0:
        return f"与序时进度（{tp}）持平"
    side = "高于" if gap > 0 else "低于"
    if f"{abs(gap) * 100:.1f}" == "0.0":  # below by less than 0.05 points is still below
        return f"略{side}序时进度（{tp}）"
    return f"{side}序时进度（{tp}）{points(gap)}个百分点"


def verdict(row: Row) -> str:
    """The status in words: 进度正常 / 进度滞后 / 进度落后 / 已完成目标任务 …"""
    return {
        "completed": "已完成目标任务",
        "on_track": "进度正常",
        "lagging": "进度滞后",
        "behind": "进度落后",
        "missed": "计划期已结束，未完成目标任务",
        "not_started": "计划期尚未开始",
    }.get(row.status or "", "")


def done(row: Row, scope: str = "", *, named: bool = True) -> str:
    """全市累计开展职业技能培训6,787人次 / 贵州技工累计培训515人次 / …累计取证1,234人; without
    the name (累计培训515人次) where a heading has just said it."""
    verb = MEASURE_VERBS.get(row.measure, "培训")
    amount = quantity(row.actual, row.unit)
    if not named:
        return f"累计{verb}{amount}"
    if row.measure == "trained" and row.name.endswith("培训"):
        return f"{scope}累计开展{row.name}{amount}"
    return f"{scope}{row.name}累计{verb}{amount}"


def completion(row: Row) -> str:
    if row.target:
        return f"完成目标任务（{quantity(row.target, row.unit)}）的{fmt.pct(row.completion)}"
    if row.completion is not None:
        return f"完成目标的{fmt.pct(row.completion)}"
    return "目标任务尚未下达，暂不计算完成率"


def rates(row: Row) -> str:
    """取证率87.5%（要求不低于80%），就业率46.7%（要求不低于30%，未达要求）."""
    parts = []
    for word, rate, thr in (
        ("取证率", row.certificate_rate, row.certificate_threshold),
        ("就业率", row.employment_rate, row.employment_threshold),
    ):
        if rate is None:
            continue
        short = "，未达要求" if rate < thr else ""
        parts.append(f"{word}{fmt.pct(rate)}（要求不低于{fmt.pct(thr, 0)}{short}）")
    return "，".join(parts)


def progress_sentence(row: Row, scope: str = "", *, named: bool = True) -> str:
    """The whole judgement of one quota, without the date: what the summary and sections say."""
    if row.actual is None:
        return f"{row.name}由手工统计，培训记录无法计量。"
    clauses = [done(row, scope, named=named), completion(row)]
    for extra in (pace(row), verdict(row)):
        if extra:
            clauses.append(extra)
    text = "，".join(clauses)
    rate_text = rates(row)
    return text + (f"；{rate_text}。" if rate_text else "。")


def summary(b: Briefing, head: Row, place: str) -> str:
    """截至2025年6月30日，全市累计开展职业技能培训X人次，完成目标任务（…）的Y%，低于序时进度…;
    in a briefing of several regions each names its own (凯里市累计…, 浙江省…)."""
    scope = place if len(b.plans) > 1 else whole(place) if b.programme is None else ""
    return f"截至{day(b.as_of)}，" + progress_sentence(head, scope)


def change_sentence(ch: PlanChanges, previous: date, level: str | None) -> str:
    """与上次通报（截至…）相比，新增X人次，完成率提高Y个百分点；落后的镇（街道）由a个变为b个…"""
    h = ch.head
    parts = [f"与上次通报（截至{day(previous)}）相比"]
    if h.actual is not None:
        parts.append(f"新增{quantity(h.actual, h.unit)}")
    if h.completion is not None:
        move = "提高" if h.completion >= 0 else "下降"
        parts.append(f"完成率{move}{points(h.completion)}个百分点")
    text = "，".join(parts)
    if ch.places_level is not None:
        word = LEVEL_WORDS.get(ch.places_level, "镇（街道）")
        before, now = ch.lagging_before, ch.lagging_now
        moved = f"仍为{now}个" if before == now else f"由{before}个变为{now}个"
        text += f"；{ch.places_word}的{word}{moved}"
        if ch.joined:
            text += f"，新增{'、'.join(shown(n) for n in ch.joined)}"
        if ch.left:
            caught = "已完成目标任务" if ch.places_word == "未完成目标任务" else "已赶上序时进度"
            text += f"，{'、'.join(shown(n) for n in ch.left)}{caught}"
    if ch.failing_joined:
        text += f"；新增不达标培训机构{'、'.join(shown(n) for n in ch.failing_joined)}"
    if ch.failing_left:
        text += f"；{'、'.join(shown(n) for n in ch.failing_left)}已整改达标"
    return text + "。"


def row_change_text(ch: RowChange) -> str:
    """较上次新增515人次，完成率提高10.2个百分点 / 较上次没有新增."""
    if ch.actual == 0:
        return "较上次没有新增"
    parts = []
    if ch.actual is not None:
        parts.append(f"较上次新增{quantity(ch.actual, ch.unit)}")
    if ch.completion is not None:
        move = "提高" if ch.completion >= 0 else "下降"
        parts.append(f"完成率{move}{points(ch.completion)}个百分点")
    return "，".join(parts)


def place_value(p: Place, places: Places) -> str:
    """What a place is ranked on, as a percentage: its completion, or its certificate rate."""
    return fmt.pct(p.completion if places.allocated else p.certificate_rate)


def place_score(p: Place, places: Places) -> str:
    """完成49.1% / 取证率85.0%."""
    return ("完成" if places.allocated else "取证率") + place_value(p, places)


def place_list(items: Sequence[Place], places: Places) -> str:
    return "、".join(f"{shown(p.name)}（{place_score(p, places)}）" for p in items)


# What a place's status says of it, in the order the sentence lists them (worst first).
PLACE_PHRASES: tuple[tuple[tuple[str | None, ...], str], ...] = (
    (("missed",), "未完成目标任务"),
    (("behind", "lagging"), "落后于序时进度"),
    (("on_track",), "达到序时进度"),
    (("completed",), "已完成目标任务"),
    (("not_started",), "尚未开始"),
    ((None,), "未分解任务"),
)


def short_word(places: Places) -> str:
    """What the places below 序时进度 are called: 未完成目标任务 once the period is over."""
    return "未完成目标任务" if places.over else "落后于序时进度"


def lagging_sentence(places: Places, most: int | None = None) -> str:
    """The places' verdicts, from the same statuses as the table: 按任务分解，6个镇（街道）中3个
    未完成目标任务：A（完成61.1%）、…，3个已完成目标任务。 Those below 序时进度 are named (with
    `most`, only the worst `most`); the others are counted."""
    word = LEVEL_WORDS.get(places.level, "镇（街道）")
    named = places.named
    lead = "计划期已结束，" if places.over else ""
    groups = []
    for statuses, phrase in PLACE_PHRASES:
        members = [p for p in named if p.status in statuses]
        if members:
            groups.append((statuses, phrase, members))
    if len(groups) == 1:
        return f"{lead}按任务分解，{len(named)}个{word}均{groups[0][1]}。"
    parts = []
    for statuses, phrase, members in groups:
        part = f"{len(members)}个{phrase}"
        if any(s in SHORT for s in statuses):
            if most is not None and len(members) > most:
                part += f"，最落后的是{place_list(members[:most], places)}等"
            else:
                part += f"：{place_list(members, places)}"
        parts.append(part)
    return f"{lead}按任务分解，{len(named)}个{word}中有" + "；".join(parts) + "。"


def places_sentences(places: Places) -> list[str]:
    """The places paragraph: how many lag, and 前三名 / 后三名."""
    word = LEVEL_WORDS.get(places.level, "镇（街道）")
    out = []
    if places.allocated:
        out.append(lagging_sentence(places))
    else:
        out.append(f"{places.name}未将任务分解到{word}，以下按取证率排名。")
    if places.ranked():
        out.append(
            f"前{len(places.top())}名：{place_list(places.top(), places)}；"
            f"后{len(places.bottom())}名：{place_list(places.bottom(), places)}。"
        )
    return out


def institution_rates(i: Institution) -> str:
    return f"取证率{fmt.pct(i.certificate_rate)}、就业率{fmt.pct(i.employment_rate)}"


def named_institutions(items: Sequence[Institution], most: int = 5) -> str:
    """A；B；C (with their rates); beyond `most`, the first ones and 等N家（名单见附表）."""
    names = "；".join(f"{shown(i.name)}（{institution_rates(i)}）" for i in items[:most])
    return names + (f"等{len(items)}家（名单见表）" if len(items) > most else "")


def institutions_sentences(inst: Institutions) -> list[str]:
    cert, emp = fmt.pct(inst.certificate_threshold, 0), fmt.pct(inst.employment_threshold, 0)
    if not inst.rows:
        return [f"{inst.year}年度暂无填写培训机构的结业记录。"]
    failing, near = inst.failing, inst.near
    head = f"{inst.year}年度共有{len(inst.rows)}家培训机构有结业记录。"
    if failing:
        names = named_institutions(failing)
        head += (
            f"取证率低于{cert}或就业率低于{emp}的{len(failing)}家，"
            f"按规定将取消{inst.year + 1}年度定点培训资格：{names}。"
        )
    elif inst.below_reference:
        below = inst.below_reference
        head += (
            f"取证率低于{cert}或就业率低于{emp}的{len(below)}家，低于参考线"
            f"（本地区文件未规定取消资格）：{named_institutions(below)}。"
        )
    else:
        head += f"取证率、就业率均达到要求（{cert}、{emp}）。"
    out = [head]
    if near:
        names = named_institutions(near)
        out.append(f"距要求不足5个百分点、需重点关注的{len(near)}家：{names}。")
    return out


def freshness_sentence(place: str, f: Freshness, as_of: date, *, running: bool = True) -> str:
    """What the warehouse holds for a region; a warning that the newest record is old only for a
    plan still running at the as-of date (a closed plan's last record is old by nature)."""
    if f.latest_record is None:
        return f"{place}：数据仓库中暂无培训记录。"
    text = (
        f"{place}：最新结业记录日期为{day(f.latest_record)}，共{fmt.num(f.records)}条记录"
        f"（{fmt.num(f.batches)}个批次）"
    )
    if f.latest_load is not None:
        text += f"，最近一次导入于{day(f.latest_load.date())}（{shown(f.latest_file)}）"
    lag = (as_of - f.latest_record).days
    if running and lag > 30:
        text += f"。最新记录早于统计截止日{lag}天，数据可能未及时报送"
    return text + "。"


def status_text(status: str | None) -> str:
    return status_word(status, "zh")
