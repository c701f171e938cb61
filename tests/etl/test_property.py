"""Property: on any messy table, every row is accounted for and no loaded row breaks a rule."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.load import load_files
from etl.validate import PROVINCE_CODES
from tests.etl.ledger import HEADERS, TODAY, make_id, query, write_csv, wrong_check

IDS = st.one_of(
    st.integers(0, 40).map(make_id),
    st.integers(0, 40).map(lambda n: wrong_check(make_id(n))),
    st.sampled_from(["", "52260119900101123", "5.22601E+17", "99260119900101123X", "abc"]),
    st.integers(0, 40).map(lambda n: " " + make_id(n).lower() + " "),
)
NAMES = st.sampled_from(["张三", "李 四", "", "  ", "阿依古丽·买买提", "刘䶮"])
PROGRAMMES = st.sampled_from(
    ["贵州技工", "“黔菜师傅”培训", "黔灵家政", "", "不存在", "马兰花创业培训", "金蓝领"]
)
DATES = st.sampled_from(
    [
        "2024-03-05",
        "2024/3/5",
        "2024.3.9",
        "20240320",
        "2024年3月25日",
        "45371",
        "2025-02-30",
        "待定",
        "",
        "2030-01-01",
        "2024-03-01 08:00:00",
    ]
)
FLAGS = st.sampled_from(["是", "否", "√", "×", "", "已取证", "待定", "1", "0"])
DATA_ROW = st.tuples(IDS, NAMES, PROGRAMMES, DATES, DATES, FLAGS, FLAGS).map(
    lambda t: ["1", t[1], t[0], t[2], t[3], t[4], t[5], t[6]]
)
SPECIAL = st.sampled_from(
    [
        [""] * 8,
        list(HEADERS),
        ["合计", "10", "", "", "", "", "", ""],
        ["", "小计", "", "", "", "", "", ""],
    ]
)
LINES = st.lists(st.one_of(DATA_ROW, DATA_ROW, DATA_ROW, SPECIAL), min_size=1, max_size=40)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=LINES,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    titles=st.integers(0, 3),
    twice=st.booleans(),
)
def test_rows_are_accounted_for_and_loaded_rows_obey_every_rule(
    lines: list[list[str]], encoding: str, titles: int, twice: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_csv(
            Path(tmp) / "messy.csv",
            lines,
            title=[["凯里市职业技能培训台账"]] * titles,
            encoding=encoding,
        )
        db = Path(tmp) / "w.duckdb"
        results = load_files([path] * (2 if twice else 1), db, today=TODAY)
        counted = [line for line in lines if any(c.strip() for c in line)]
        for r in results:
            assert r.rows == r.loaded + r.duplicates + r.rejected + r.skipped == len(counted)
        assert sum(r.loaded for r in results) == query(db, "select count(*) from records")[0][0]
        assert results[0].rejected == query(db, "select count(*) from rejects")[0][0]
        for id_number, name, pid, start, end in query(
            db, "select id_number, name, programme_id, start_date, end_date from records"
        ):
            assert isinstance(id_number, str) and len(id_number) == 18
            assert id_number[:2] in PROVINCE_CODES
            body = id_number[:17]
            w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
            check = "10X98765432"[sum(int(c) * k for c, k in zip(body, w, strict=True)) % 11]
            assert id_number[17] == check
            assert name and " " not in str(name)
            assert pid is not None
            assert start <= end <= TODAY  # type: ignore[operator]
