"""The 通报's subsidy section: amounts by institution, and the flags found since the last
meeting, on a Yuncheng ledger with answers worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from briefing.render import make_briefing
from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE
from etl.load import load_files
from tests.briefing.briefing_fixture import id_number
from tests.briefing.briefing_read import docx_paragraphs, docx_tables

HEAD = (
    "姓名,身份证号,培训项目,县（市、区）,培训机构,工种,等级,培训天数,开班日期,结业日期,"
    "是否取证,是否就业,就业日期"
)
YC = "140802"


def row(n: int, school: str, days: int, start: str, end: str, cert: str, emp: str = "") -> str:
    employed = "是" if emp else "否"
    cells = [f"学员{n}", id_number(n, YC), "全民技能提升工程", "运城市", school, "电工", "初级"]
    return ",".join([*cells, str(days), start, end, cert, employed, emp])


def load(root: Path, name: str, rows: list[str]) -> None:
    (root / name).write_text("\n".join([HEAD, *rows]) + "\n", encoding="utf-8")
    cat = load_catalogue(local_path=root / "no-local.toml")
    (r,) = load_files([root / name], root / "warehouse.duckdb", today=date(2026, 11, 1),
                      catalogue=cat)  # fmt: skip
    assert r.loaded == len(rows), r.to_json()


def test_subsidy_section_and_flags_since_last_meeting(tmp_path: Path, snapshots: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    load(tmp_path, "a.csv", [
        row(1, "运城技校", 12, "2020-03-01", "2020-03-31", "是", "2020-04-20"),  # 1700
        row(2, "运城技校", 8, "2020-03-01", "2020-03-31", "否"),  # no certificate: 0
        row(3, "河东学校", 10, "2020-03-01", "2020-03-31", "是"),  # 1500, 300 waits
    ])  # fmt: skip
    first = make_briefing(
        date(2020, 4, 30), tmp_path / "one", scope=EVERYWHERE, db=db, region="运城市"
    )
    text = "\n".join(docx_paragraphs(first.files[0]))
    assert "补贴审核情况" in text
    assert "已结业培训3人次，应补贴3,200元，其中可支付2,900元、暂缓支付300元" in text
    assert "发现问题培训1人次（未取得证书1人次），其中1人次按规定不予补贴" in text
    table = next(
        t for t in docx_tables(first.files[0]) if t[0][0] == "培训机构" and "应补贴" in t[0]
    )
    assert [r[0] for r in table[1:]] == ["运城技校", "河东学校"]
    assert table[1][4:] == ["1,700", "1,700", "0"] and table[2][4:] == ["1,500", "1,200", "300"]

    load(tmp_path, "b.csv", [row(4, "河东学校", 10, "2020-05-01", "2020-05-10", "否"),
                             row(5, "河东学校", 10, "2020-05-01", "2020-05-10", "否")])  # fmt: skip
    second = make_briefing(
        date(2020, 6, 30), tmp_path / "two", scope=EVERYWHERE, db=db, region="运城市"
    )
    text = "\n".join(docx_paragraphs(second.files[0]))
    assert "自上次会议（截至2020年4月30日）以来新发现未取得证书2人次" in text


def test_a_region_whose_documents_set_no_amount_is_not_said_to_owe_0_yuan(
    tmp_path: Path, snapshots: Path
) -> None:
    """Linshu's document sets no subsidy amounts: the section says so instead of 应补贴0元."""
    db = tmp_path / "warehouse.duckdb"
    rows = [
        f"学员{n},{id_number(n, '371329')},职业技能提升行动,临沭县,临沭技校,电工,初级,10,"
        "2020-03-01,2020-03-10,是,否,"
        for n in (1, 2)
    ]
    load(tmp_path, "linshu.csv", rows)
    made = make_briefing(
        date(2020, 4, 30), tmp_path / "out", scope=EVERYWHERE, db=db, region="临沭县"
    )
    text = "\n".join(docx_paragraphs(made.files[0]))
    assert "已结业培训2人次；文件未规定补贴标准，不计补贴金额。" in text
    assert "应补贴0元" not in text


def test_the_requirements_name_whose_rule_cancels_eligibility(
    tmp_path: Path, snapshots: Path
) -> None:
    """工作要求 names the region whose document cancels next year's eligibility, and counts its
    institutions below the lines in the year the rule judges."""
    db = tmp_path / "warehouse.duckdb"
    load(tmp_path, "a.csv", [
        row(1, "运城技校", 12, "2020-03-01", "2020-03-31", "是", "2020-04-20"),
        row(2, "运城技校", 8, "2020-03-01", "2020-03-31", "否"),  # 50% certified: below 80%
        row(3, "河东学校", 10, "2020-03-01", "2020-03-31", "是", "2020-04-20"),
    ])  # fmt: skip
    made = make_briefing(
        date(2021, 3, 31), tmp_path / "out", scope=EVERYWHERE, db=db, region="运城市"
    )
    text = docx_paragraphs(made.files[0])
    [said] = [p for p in text if "定点培训资格" in p and "培训质量管理" in p]
    assert "取证率或就业率未达要求的培训机构（运城市1家）按规定取消下一年度定点培训资格" in said
