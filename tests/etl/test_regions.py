"""A record's region first, then its programme: the wordings two documents share (issue 11).

Each case is a one-row ledger of a region whose own document does, or does not, use a wording
another document uses too. The row stays in its own region or is rejected with the right code;
it never lands in another region's quota.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE
from catalogue.regions import Place, covers
from etl.load import load_files
from etl.pipeline import prepare
from targets.progress import progress
from tests.etl.ledger import HEADERS, TODAY, make_id, row, table

CATALOGUE = load_catalogue()
CITY, COUNTY = "市（州）", "县（市、区）"
PLACE_HEADERS = [*HEADERS, CITY, COUNTY]


def run(rows: list[list[str | None]], region: str | None = None) -> pl.DataFrame:
    t = table(rows, PLACE_HEADERS)
    place = CATALOGUE.matcher.place(region) if region else None
    return prepare(t.frame.collect(), t, CATALOGUE, TODAY, place)


def one(
    programme: str, county: str | None = None, city: str | None = None, region: str | None = None
) -> dict[str, object]:
    out = run([[*row(0, 培训项目=programme), city, county]], region)
    return out.select(
        "status", "reasons", "programme_id", "province", "city", "county", "__region_message"
    ).row(0, named=True)


# (programme cell, county cell, the quota it must count for, or the reason it is rejected)
PAIRS = [
    ("“金蓝领”培训", "临沭县", "linshu-2019/jinlanling"),
    ("金蓝领", "临沭", "linshu-2019/jinlanling"),
    ("残疾人职业技能培训", "临沭县", "linshu-2019/disabled"),
    (
        "高危行业企业从业人员和各类特种作业人员安全技能培训",
        "临沭县",
        "linshu-2019/hazardous-safety",
    ),
    ("新型职业农民培育", "临沭县", "linshu-2019/new-farmers"),
    ("新型职业农民培育", "运城市", "yuncheng-2018/farmer-skills/new-farmers"),
    ("高技能人才培训", "临沭县", "linshu-2019/high-skilled"),
    ("高技能人才培训", "东宁市", "dongning-2019/high-skilled"),
    ("高技能人才培训", "运城市", "yuncheng-2018/high-skilled"),
    ("高技能人才培训", "凯里市", "programme_unknown"),
    ("项目制培训", "临沭县", "linshu-2019/project-based"),
    ("项目制培训", "东宁市", "dongning-2019/project-based"),
    ("项目制培训", "凯里市", "programme_unknown"),
    ("创业培训", "东宁市", "dongning-2019/startup"),
    ("创业培训", "临沭县", "linshu-2019/startup"),
    ("创业培训", "凯里市", "kaili-2024/malanhua-startup"),
    ("创业培训", "运城市", "programme_unknown"),
    ("职业技能培训", "东宁市", "dongning-2019"),
    ("职业技能培训", "临沭县", "linshu-2019"),
    ("职业技能培训", "凯里市", "kaili-2024"),
    ("职业技能培训", "运城市", "programme_unknown"),
    ("职业技能提升行动", "东宁", "dongning-2019"),
    ("职业技能提升行动", "临沭县", "linshu-2019"),
    ("职业技能提升行动", "凯里市", "programme_unknown"),
    ("补贴性职业技能培训", "凯里市", "programme_unknown"),
    ("家政服务", "凯里市", "programme_unknown"),
    ("养老护理", "凯里市", "programme_unknown"),
    ("农村实用人才", "东宁市", "programme_unknown"),
    ("农村实用人才", "临沭县", "programme_unknown"),
    ("贵州技工", "临沭县", "programme_unknown"),
    ("马兰花创业培训", "东宁市", "programme_unknown"),
]


@pytest.mark.parametrize(("programme", "county", "expected"), PAIRS)
def test_a_shared_wording_stays_in_the_rows_region(
    programme: str, county: str, expected: str
) -> None:
    got = one(programme, county)
    if expected.startswith("programme_"):
        assert (got["status"], got["reasons"]) == ("rejected", [expected])
        assert got["programme_id"] is None
        message = str(got["__region_message"])
        assert CATALOGUE.matcher.place(county).label() in message  # type: ignore[union-attr]
        assert "可用的名称" in message  # the wordings the region accepts
    else:
        assert got["status"] == "ok"
        assert got["programme_id"] == expected
        quota = CATALOGUE.get(expected)
        assert got["province"] == quota.region.province  # never 浙江省 beside 临沭县
        assert covers(quota.region, Place(got["province"], got["city"], got["county"]))  # type: ignore[arg-type]


def test_no_region_and_one_document_takes_that_documents_region() -> None:
    got = one("电子商务")  # Zhejiang's wording alone
    assert (got["programme_id"], got["province"]) == ("zhejiang-2021/jinyao/e-commerce", "浙江省")
    got = one("贵州技工", city="黔东南州")
    assert (got["programme_id"], got["county"]) == ("kaili-2024/guizhou-technician", "凯里市")


def test_no_region_and_several_documents_is_ambiguous() -> None:
    got = one("金蓝领")
    assert got["reasons"] == ["programme_ambiguous"]
    message = str(got["__region_message"])
    assert "zhejiang-jinlanling-2021-2023.txt" in message and "linshu-2019-2021.txt" in message
    assert "--region" in message


def test_the_batch_region_places_rows_without_cells_and_rejects_contradicting_ones() -> None:
    assert one("金蓝领", region="浙江省")["programme_id"] == "zhejiang-2021"
    assert one("金蓝领", region="临沭县")["programme_id"] == "linshu-2019/jinlanling"
    # a Zhejiang district the catalogue does not list is inside 浙江省: kept as written
    got = one("金蓝领", county="西湖区", city="杭州市", region="浙江省")
    assert (got["province"], got["city"], got["county"]) == ("浙江省", "杭州市", "西湖区")
    assert one("金蓝领", county="临沭县", region="浙江省")["reasons"] == ["region_conflict"]
    assert one("项目制培训", county="凯里市", region="临沭县")["reasons"] == ["region_conflict"]
    assert one("职业技能培训", county="西湖区", region="临沭县")["reasons"] == ["region_conflict"]


def test_a_zhejiang_city_or_county_cell_places_the_row_without_a_batch_region() -> None:
    """金蓝领 is Linshu's wording too; a row whose own cells name 杭州市 or 西湖区 is Zhejiang's
    (catalogue/places.toml), with no --region: any Zhejiang county is covered by 金蓝领."""
    for city, county in (("杭州市", None), (None, "西湖区"), ("杭州", "西湖区"), (None, "义乌市")):
        got = one("金蓝领", county=county, city=city)
        assert got["status"] == "ok", (city, county, got)
        assert (got["programme_id"], got["province"]) == ("zhejiang-2021", "浙江省")
    assert one("金蓝领", county="义乌市")["city"] == "金华市"  # completed from the gazetteer
    # a Yuncheng county names 运城市: its wordings only, and a Zhejiang city never sits beside it
    assert one("全民技能提升工程", county="盐湖区")["programme_id"] == "yuncheng-2018"
    assert one("金蓝领", county="盐湖区")["reasons"] == ["programme_unknown"]
    assert one("金蓝领", county="西湖区", city="运城市")["reasons"] == ["region_conflict"]


def test_short_and_full_forms_name_one_place() -> None:
    full = one("贵州技工", county="凯里市", city="黔东南苗族侗族自治州")
    short = one("贵州技工", county="凯里", city="黔东南州")
    keys = ("programme_id", "province", "city", "county")
    assert [full[k] for k in keys] == [short[k] for k in keys]
    assert short["city"] == "黔东南苗族侗族自治州"
    assert one("贵州技工", county="凯里市", city="运城市")["reasons"] == ["region_conflict"]


def test_a_linshu_ledger_leaves_zhejiangs_actual_alone(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    path = tmp_path / "临沭.csv"
    rows = [
        [
            str(i + 1),
            f"李{i}",
            make_id(i, prefix="371329"),
            p,
            "2020-05-01",
            "2020-05-10",
            "是",
            "否",
        ]
        for i, p in enumerate(["“金蓝领”培训", "残疾人职业技能培训", "项目制培训", "职业技能培训"])
    ]
    path.write_text("\n".join(",".join(r) for r in [HEADERS, *rows]) + "\n", encoding="utf-8")
    [r] = load_files([path], db, today=TODAY, region="临沭县")
    assert (r.loaded, r.rejected) == (4, 0)
    frame = progress(date(2021, 12, 31), region=EVERYWHERE, db=db).select("programme_id", "actual")
    actual = dict(frame.iter_rows())
    assert actual["linshu-2019"] == 4
    assert actual["zhejiang-2021"] == 0
    assert actual["zhejiang-2021/jinmiao/disabled"] == 0
    assert actual["kaili-2024"] == 0


# Cells a ledger may carry: known places in short and full forms, places the catalogue does not
# list, blanks; and every wording of the catalogue plus one nobody uses.
COUNTIES = [
    "凯里市",
    "凯里",
    "东宁市",
    "东宁",
    "临沭县",
    "临沭",
    "西湖区",
    "盐湖区",
    "运城市",
    None,
]
CITIES = ["黔东南州", "黔东南苗族侗族自治州", "牡丹江市", "临沂", "运城市", "杭州市", None]
WORDINGS = sorted({w for q in CATALOGUE.quotas if q.matchable for w in (q.name, *q.aliases)})
REGIONS = [None, "凯里市", "浙江省", "临沭县", "运城市", "东宁市", "山东省"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*WORDINGS, "不存在的项目"]),
            st.sampled_from(CITIES),
            st.sampled_from(COUNTIES),
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(REGIONS),
)
def test_every_loaded_record_belongs_to_a_document_covering_its_region(
    cells: list[tuple[str, str | None, str | None]], region: str | None
) -> None:
    rows = [[*row(i, 培训项目=p), city, county] for i, (p, city, county) in enumerate(cells)]
    out = run(rows, region).filter(pl.col("status") == "ok")
    for pid, province, city, county in out.select(
        "programme_id", "province", "city", "county"
    ).iter_rows():
        quota = CATALOGUE.get(pid)
        assert covers(quota.region, Place(province, city, county)), (pid, province, city, county)
        for name in (county, city):
            known = CATALOGUE.matcher.place(name) if name else None
            if known is not None:  # stored places agree with each other
                assert known.province == province


def test_the_region_a_files_rows_name_is_the_data_pages_default(tmp_path: Path) -> None:
    from etl.named import named_region

    path = tmp_path / "台账.csv"
    rows = [[*row(i, 培训项目="项目制培训"), "临沂市", "临沭"] for i in range(3)]
    rows.append([*row(9), "", "凯里市"])  # a stray row of another county
    lines = [",".join(PLACE_HEADERS), *(",".join(c or "" for c in r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert named_region(path, CATALOGUE, tmp_path) == "临沭县"
    bare = tmp_path / "无地区.csv"
    bare.write_text(",".join(HEADERS) + "\n" + ",".join(c or "" for c in row(0)) + "\n")
    assert named_region(bare, CATALOGUE, tmp_path) is None
    # ten rows that name no county and one of 盐湖区: the file keeps each row's own region
    mixed = tmp_path / "凯里台账.csv"
    rows = [[*row(i), "", ""] for i in range(10)]
    rows.append([*row(10), "运城市", "盐湖区"])
    lines = [",".join(PLACE_HEADERS), *(",".join(c or "" for c in r) for r in rows)]
    mixed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert named_region(mixed, CATALOGUE, tmp_path) is None


_PLACES = [*CATALOGUE.matcher._known, *CATALOGUE.matcher._gazetteer]
_NAMES = sorted({p.label() for p in _PLACES})


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(_NAMES),
    cut=st.integers(0, 4),
    extra=st.sampled_from(["", "市", "县", "区", "州", " ", "新区", "Ａ"]),
)
def test_a_cells_place_is_found_as_comparing_it_with_every_place(
    name: str, cut: int, extra: str
) -> None:
    """The index a load looks places up in (a cell per row) finds what comparing the cell with
    every known and gazetteer place finds: full names, short forms and near misses alike."""
    from catalogue.regions import PlaceIndex, same_place

    cell = name[: max(1, len(name) - cut)] + extra
    index = PlaceIndex(_PLACES)
    assert index.find(cell) == [p for p in _PLACES if same_place(p.label(), cell)]
