"""A consequence only where a document states it: Yuncheng's rule judges Yuncheng's institutions
in the years of its document, never Kaili's."""

from __future__ import annotations

from pathlib import Path

from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE
from etl.load import load_files
from targets.institutions import institution_progress
from tests.targets.progress_fixtures import TODAY, gb11643

HEADERS = "姓名,身份证号,培训项目,开班日期,结业日期,是否取证,是否就业,培训机构"


def ledger(path: Path, programme: str, end: str, institution: str, offset: int) -> Path:
    """Ten trainees: 7 certified (70%) and 2 employed (20%), below both lines."""
    lines = [HEADERS]
    for i in range(10):
        cert, emp = ("是" if i < 7 else "否"), ("是" if i < 2 else "否")
        id_ = gb11643(offset + i)
        lines.append(f"学员{i},{id_},{programme},{end[:8]}01,{end},{cert},{emp},{institution}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_kaili_institution_keeps_eligibility_and_a_yuncheng_one_loses_it(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    kaili = ledger(tmp_path / "k.csv", "黔菜师傅", "2020-05-20", "凯里烹饪学校", 0)
    yuncheng = ledger(tmp_path / "y.csv", "城镇失业人员培训", "2020-05-20", "运城技校", 100)
    for path, region in ((kaili, "凯里市"), (yuncheng, "运城市")):
        [r] = load_files([path], db, today=TODAY, region=region)
        assert r.loaded == 10, r.to_json()
    rows = {
        r["institution"]: r
        for r in institution_progress(2020, region=EVERYWHERE, db=db).iter_rows(named=True)
    }
    school = rows["凯里烹饪学校"]  # 2020 lies outside Kaili's period, and Kaili states no rule
    assert (school["eligible_next_year"], school["rule_source"]) == (None, None)
    assert school["below_reference"] is True
    yc = rows["运城技校"]
    assert yc["eligible_next_year"] is False
    assert yc["rule_source"].startswith("yuncheng-2018-2022.txt 三、（八）")
    assert "取消下一年度承担政府补贴性培训任务资格" in yc["rule_source"]
    # 2024: past the end of Yuncheng's document, its rule judges nothing
    cat = load_catalogue()
    assert cat.institution_rule("yuncheng-2018/unemployed", 2024) is None
    assert cat.institution_rule("kaili-2024/qiancai-chef", 2024) is None
