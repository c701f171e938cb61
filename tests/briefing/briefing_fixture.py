"""A tiny, hostile Kaili ledger for the briefing tests, loaded through the ordinary ETL path.

The plan total kaili-2024 is allocated to four towns, 10 each (a test allocation directory,
$SKILLTRACK_ALLOCATIONS), and the records are placed so that the towns move between the two
meetings (time progress 62.4% on 2025-03-31, 74.8% on 2025-06-30):

    town      by 03-31          by 06-30           after (09-10)
    万潮镇     7 → on track      7 → lagging (joins)
    西门街道   5 → behind        8 → on track (leaves)
    三棵树镇   6 → lagging       8 → on track (leaves)
    下司镇     2 → behind        3 → behind          +5

Institutions (their records of 2025): 凯里测试培训学校 certifies and places everyone; "=1+1"
(a name a spreadsheet would run) certifies no one: it loses eligibility; 黔东南测试技工学校 sits
just above the lines (5/6 certified, 2/6 employed): near. Every row has an ID number and some a
phone number, which must never reach a briefing. One Yuncheng record (2020) is another region.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from etl.load import BatchResult, load_files

TODAY = date(2026, 11, 22)
FIRST, SECOND = date(2025, 3, 31), date(2025, 6, 30)
GOOD, HOSTILE, NEAR = "凯里测试培训学校", "=1+1", "黔东南测试技工学校"
TOWNS = ("万潮镇", "西门街道", "三棵树镇", "下司镇")
HEADERS = (
    "姓名",
    "身份证号码",
    "联系电话",
    "培训项目",
    "县（市、区）",
    "所属镇（街道）",
    "培训机构",
    "培训工种",
    "开班日期",
    "结业日期",
    "是否取证",
    "是否就业",
)
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
PROGRAMMES = ("贵州技工", "农业种植养殖短平快培训", "黔菜师傅")


def id_number(seq: int, region: str = "522601") -> str:
    """A valid GB 11643 ID number."""
    body = f"{region}19900101{seq:03d}"
    total = sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def _ends() -> list[tuple[str, str]]:
    """(town, end date) of every Kaili record."""
    plan = {
        "万潮镇": [("2025-02-10", 7)],
        "西门街道": [("2025-01-20", 5), ("2025-05-15", 3)],
        "三棵树镇": [("2025-03-05", 6), ("2025-06-30", 2)],
        "下司镇": [("2025-03-31", 2), ("2025-04-02", 1), ("2025-09-10", 5)],
    }
    return [(town, end) for town, batches in plan.items() for end, n in batches for _ in range(n)]


def rows() -> list[list[str]]:
    out: list[list[str]] = []
    near_count = 0
    for n, (town, end) in enumerate(_ends(), start=1):
        programme = PROGRAMMES[n % len(PROGRAMMES)]
        if n % 5 == 0:  # "=1+1": never certified, never employed
            school, cert, emp = HOSTILE, "否", "否"
        elif n % 5 == 1 and near_count < 6:  # 5 of 6 certified, 2 of 6 employed
            near_count += 1
            school = NEAR
            cert = "否" if near_count == 1 else "是"
            emp = "是" if near_count <= 2 else "否"
        else:
            school, cert, emp = GOOD, "是", "是"
        phone = f"1381234{n:04d}" if n % 3 == 0 else ""
        start = end[:8] + "01"
        cells = [programme, "凯里市", town, school, "电工", start, end, cert, emp]
        out.append([f"学员{n}", id_number(n), phone, *cells])
    yuncheng = ["农民工技能提升培训", "盐湖区", "", "运城测试职业学校", "电工"]
    out.append(["运城学员", id_number(900, "140802"), "", *yuncheng, "2020-03-01", "2020-04-01"])
    out[-1] += ["是", "否"]
    return out


def write_allocations(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    lines = ["programme_id,town,target", *(f"kaili-2024,{t},10" for t in TOWNS)]
    (directory / "kaili-2024.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def build(db: Path) -> list[BatchResult]:
    """Load the ledger into a new warehouse at db."""
    ledger = db.parent / "kaili-briefing.csv"
    with ledger.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        writer.writerows(rows())
    return load_files([ledger], db, today=TODAY)
