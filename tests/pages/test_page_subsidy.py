"""补贴审核: money due, payable and withheld, flags, institutions worst first, the download —
on a warehouse of its own with answers worked out by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE
from dashboard.subsidy import flagged_file
from etl.load import load_files
from tests.pages.apptest_helpers import frame_with, leaked_numbers
from tests.pages.dashboard_fixture import id_number
from ui import fmt

OpenPage = Callable[..., AppTest]
HEAD = (
    "姓名,身份证号,联系电话,培训项目,县（市、区）,培训机构,工种,等级,培训天数,开班日期,结业日期,"
    "是否取证,是否就业,就业日期"
)
YUNCHENG = "全民技能提升工程,运城市,运城技校,电工,初级"
KAILI = "农业种植养殖短平快培训,凯里市,凯里合作社,水稻种植,"
PHONE = "13912345678"
YC, KL = "140802", "522601"


def ledger() -> str:
    rows = [
        # Yuncheng: 12 days, certified, employed a month later: 1700 yuan, all payable by June
        f"王一,{id_number(YC, '19900101', 1)},,{YUNCHENG},12,2020-03-01,2020-03-31,是,是,"
        "2020-04-30",
        # 10 days, certified, not employed: 1500, of which 300 waits for employment until July
        f"王二,{id_number(YC, '19900101', 2)},,{YUNCHENG},10,2020-05-01,2020-05-10,是,否,",
        # no certificate: flagged and excluded
        f"王三,{id_number(YC, '19900101', 3)},,{YUNCHENG},10,2020-05-01,2020-05-10,否,否,",
        # Kaili's short course: a 74-year-old on a 10-day course, and a 60-year-old on 3 days
        f"=张四,{id_number(KL, '19500101', 4)},{PHONE},{KAILI},10,2024-05-01,2024-05-10,否,否,",
        f"张五,{id_number(KL, '19640101', 5)},,{KAILI},3,2024-05-01,2024-05-03,否,否,",
    ]  # fmt: skip
    return "\n".join([HEAD, *rows]) + "\n"


@pytest.fixture(scope="module")
def audit_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("subsidy")
    (root / "ledger.csv").write_text(ledger(), encoding="utf-8")
    cat = load_catalogue(local_path=root / "no-local.toml")
    (r,) = load_files([root / "ledger.csv"], root / "warehouse.duckdb", today=date(2026, 11, 1),
                      catalogue=cat)  # fmt: skip
    assert r.loaded == 5, r.to_json()
    return root / "warehouse.duckdb"


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_money_and_why_for_yuncheng(open_page: OpenPage, audit_db: Path) -> None:
    at = open_page("subsidy", db=audit_db, plan="yuncheng-2018-2022", as_of=date(2020, 6, 15))
    m = metrics(at)
    assert (m["应补贴（元）"], m["可支付（元）"], m["暂缓支付（元）"]) == ("3,200", "2,900", "300")
    assert (m["有问题的培训"], m["不予补贴"]) == ("1", "1")
    why = frame_with(at, "条件", "暂缓人次")
    assert why["条件"].tolist() == ["待学员就业（期限内）"] and why["暂缓人次"].tolist() == [1]
    flags = frame_with(at, "问题", "标记人次", "因此不予补贴")
    assert flags.to_dict("records") == [
        {"问题": "未取得证书", "代码": "no_certificate", "标记人次": 1, "因此不予补贴": 1}
    ]


def test_kaili_flags_worst_institutions_first(open_page: OpenPage, audit_db: Path) -> None:
    at = open_page("subsidy", db=audit_db, as_of=date(2024, 12, 31))
    worst = frame_with(at, "培训机构", "问题占比")
    assert worst["培训机构"].tolist() == ["凯里合作社", "运城技校"]
    assert worst["问题占比"].tolist() == [50.0, pytest.approx(100 / 3)]
    flags = frame_with(at, "问题", "标记人次")
    assert set(flags["代码"]) == {"over_age", "too_long", "no_certificate"}
    assert not leaked_numbers(at)


def test_year_and_institution_filters(open_page: OpenPage, audit_db: Path) -> None:
    at = open_page("subsidy", db=audit_db, as_of=date(2024, 12, 31), subsidy_year_zh=2024)
    assert metrics(at)["应补贴（元）"] == "180"  # 3 days × 60 yuan
    at = open_page("subsidy", db=audit_db, as_of=date(2024, 12, 31),
                   subsidy_institution_zh="运城技校")  # fmt: skip
    # by 2024 王二's 300 yuan for employment has lapsed: 1700 + 1200
    assert metrics(at)["应补贴（元）"] == "2,900"


def test_english(open_page: OpenPage, audit_db: Path) -> None:
    at = open_page("subsidy", db=audit_db, as_of=date(2024, 12, 31), lang="en")
    assert "Subsidy audit" in at.header[0].value
    assert "Over the age limit" in frame_with(at, "Flag", "Flagged", "Excluded")["Flag"].tolist()


def test_download_is_masked_and_formula_safe(audit_db: Path) -> None:
    scope = tuple(q.id for q in load_catalogue().quotas)
    text = flagged_file(audit_db, EVERYWHERE, scope, None, None, date(2024, 12, 31), "zh").decode(
        "utf-8-sig"
    )
    lines = text.splitlines()
    assert len(lines) == 3  # header + the no-certificate trainee + the 74-year-old
    assert "'=张四" in text and "139****5678" in text and PHONE not in text
    assert id_number(KL, "19500101", 4) not in text and "522601********" in text
    assert "超过年龄上限、超过培训天数上限" in text


def test_institutions_page_shows_the_flagged_share(open_page: OpenPage, audit_db: Path) -> None:
    at = open_page("institutions", db=audit_db, as_of=date(2024, 12, 31), institution_year=2020)
    table = frame_with(at, "培训机构", "问题占比")
    assert table.set_index("培训机构")["问题占比"].to_dict() == {"运城技校": pytest.approx(100 / 3)}


def test_a_provinces_sums_fit_their_metric() -> None:
    """A province's 1.35 billion yuan reads 13.52亿 (a metric cut at 1366 px showed 1,351,98…)."""
    assert fmt.money(1_351_983_440) == "13.52亿" and fmt.money(1_351_983_440, "en") == "1.35B"
    assert fmt.money(510_660) == "51.1万" and fmt.money(2_900) == "2,900"
    assert fmt.money(None) == fmt.DASH


def test_a_warehouse_no_load_has_audited_says_so_in_the_pages_language(
    open_page: OpenPage, audit_db: Path, tmp_path: Path
) -> None:
    """A warehouse made before the audit (records, no audit yet): a note saying the next load
    audits them, in the page's language, not an unreadable-warehouse error."""
    import shutil

    import duckdb

    old = tmp_path / "warehouse.duckdb"
    shutil.copyfile(audit_db, old)
    con = duckdb.connect(str(old))
    for table in ("audit", "audit_state", "audit_counts", "audit_money"):
        con.execute(f"delete from {table}")
    con.execute("delete from audit_counts_months")
    con.execute("delete from audit_money_months")
    con.execute("delete from audit_place_counts")
    con.execute("delete from audit_place_events")
    con.execute("delete from audit_money_places")
    con.close()
    at = open_page("subsidy", db=old, plan="yuncheng-2018-2022", as_of=date(2020, 6, 15))
    assert not at.error and not at.exception
    assert "尚未经过补贴审核" in at.info[0].value and "The records" not in at.info[0].value
    english = open_page("subsidy", db=old, lang="en", as_of=date(2020, 6, 15))
    assert english.info[0].value.startswith("The records of this warehouse have not been audited")
