"""A tiny, hand-built ledger for the page tests, loaded through the ordinary ETL path.

Kaili, as of 2025-09-30 (the latest record):
* 贵州技工: 6 records, towns 万潮镇 ×3 and 西门街道 ×3; 凯里测试培训学校 ×4 (all certified and
  employed), 黔东南测试技工学校 ×2 (neither certified nor employed: loses eligibility);
* 黔菜师傅: 3 records in 万潮镇 at 凯里测试培训学校, all certified and employed;
* one row with a wrong check digit and a phone number: rejected (id_checksum), to be masked.
Yuncheng: one 农民工技能提升培训 record in 盐湖区, 2020.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from etl.load import BatchResult, load_files

TODAY = date(2026, 11, 22)
HEADERS = (
    "序号",
    "姓名",
    "身份证号码",
    "联系电话",
    "培训项目",
    "县（市、区）",
    "所属镇（街道）",
    "培训机构",
    "培训工种",
    "人员类别",
    "开班日期",
    "结业日期",
    "是否取证",
    "是否就业",
)
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
SCHOOL_A = "凯里测试培训学校"
SCHOOL_B = "黔东南测试技工学校"
BAD_ID = "522601199001011230"  # check digit should not be 0 for this body (see test)
PHONE = "13812345678"


def id_number(region: str, birth: str, seq: int) -> str:
    """A valid GB 11643 ID: region (6) + birth date (8) + sequence (3) + check digit."""
    body = f"{region}{birth}{seq:03d}"
    total = sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def rows() -> list[list[str]]:
    kaili, yuncheng = "522601", "140802"
    out: list[list[str]] = []

    def add(
        programme: str,
        county: str,
        town: str,
        school: str,
        start: str,
        end: str,
        cert: str,
        emp: str,
        region: str = kaili,
        name: str | None = None,
        pid: str | None = None,
        phone: str = "",
    ) -> None:
        n = len(out) + 1
        out.append(
            [
                str(n),
                name or f"学员{n}",
                pid or id_number(region, "19900101", n),
                phone,
                programme,
                county,
                town,
                school,
                "电工",
                "农村劳动力",
                start,
                end,
                cert,
                emp,
            ]
        )

    for i in range(3):
        add("贵州技工", "", "万潮镇", SCHOOL_A, "2025-03-01", f"2025-04-0{i + 1}", "是", "是")
    add("贵州技工", "", "西门街道", SCHOOL_A, "2025-05-01", "2025-06-01", "是", "是")
    add("贵州技工", "", "西门街道", SCHOOL_B, "2025-08-01", "2025-09-01", "否", "否")
    add("贵州技工", "", "西门街道", SCHOOL_B, "2025-08-01", "2025-09-30", "否", "否")
    for i in range(3):
        add("黔菜师傅", "", "万潮镇", SCHOOL_A, "2025-01-05", f"2025-02-0{i + 1}", "是", "是")
    add(
        "农民工技能提升培训",
        "盐湖区",
        "",
        "运城测试职业学校",
        "2020-03-01",
        "2020-04-01",
        "是",
        "否",
        region=yuncheng,
    )
    add(
        "贵州技工",
        "",
        "万潮镇",
        SCHOOL_A,
        "2025-03-01",
        "2025-04-01",
        "是",
        "是",
        name="坏号码",
        pid=BAD_ID,
        phone=PHONE,
    )
    return out


def write_ledger(path: Path, data: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        writer.writerows(data)
    return path


def build(db: Path) -> list[BatchResult]:
    """Load the fixture ledger into a new warehouse at db."""
    ledger = write_ledger(db.parent / "kaili-fixture.csv", rows())
    return load_files([ledger], db, today=TODAY)


def extra_ledger(path: Path) -> Path:
    """Two more 贵州技工 records in 万潮镇, for the load-while-open test."""
    base = 100
    data = [
        [
            str(i),
            f"新学员{i}",
            id_number("522601", "19920202", base + i),
            "",
            "贵州技工",
            "",
            "万潮镇",
            SCHOOL_A,
            "电工",
            "农村劳动力",
            "2025-07-01",
            "2025-07-15",
            "是",
            "是",
        ]
        for i in range(2)
    ]
    return write_ledger(path, data)
