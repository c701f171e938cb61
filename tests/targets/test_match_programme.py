"""Programme cells as people type them → quota ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.loader import load_catalogue, same_place

CATALOGUE = load_catalogue(local_path=Path(__file__).resolve().parent / "no-such-local.toml")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“贵州技工”培训", "kaili-2024/guizhou-technician"),
        ("「黔菜师傅」工程", "kaili-2024/qiancai-chef"),
        ("（黔灵家政）培训项目", "kaili-2024/qianling-housekeeping"),
        (" 黔旅工匠 ", "kaili-2024/qianlv-tourism"),
        ("“马兰花”创业培训", "kaili-2024/malanhua-startup"),
        ("短平快农业种植养殖培训", "kaili-2024/agri-short"),
        ("企业工人全员培训工程", "kaili-2024/enterprise-workers"),
        ("“粤黔互通”培训", "kaili-2024/yueqian-hutong"),
        ("南粤家政", "kaili-2024/yueqian-hutong/nanyue-housekeeping"),
        ("东西部协作“订单”培训", "kaili-2024/foshan-order"),
        ("“金蓝领”职业技能提升行动", "zhejiang-2021"),
        ("“金藍領”職業技能提升行動", "zhejiang-2021"),
        ("金钥培训计划", "zhejiang-2021/jinyao"),
        ("“金鑰”培訓計畫", "zhejiang-2021/jinyao"),
        ("数字安防行业技能人才", "zhejiang-2021/jinyao/smart-manufacturing/digital-security"),
        ("數字安防行業技能人才", "zhejiang-2021/jinyao/smart-manufacturing/digital-security"),
        ("智能制造", "zhejiang-2021/jinyao/smart-manufacturing"),
        ("农创客", "zhejiang-2021/jinchuang/agri-entrepreneurs"),
        ("全民技能提升工程", "yuncheng-2018"),
        ("“技能运城”专项行动", "yuncheng-2018"),
        ("农民工技能提升培训", "yuncheng-2018/migrant-workers"),
        ("黑木耳种植技术培训", "dongning-2019/black-fungus"),
        ("不存在的项目", None),
        ("", None),
        ("培训", None),
    ],
)
def test_wordings(raw: str, expected: str | None) -> None:
    assert CATALOGUE.match_programme(raw) == expected


def test_full_width_and_half_width_are_one() -> None:
    assert CATALOGUE.match_programme("市(县)级职业技能培训品牌") is None  # manual: never matched
    assert CATALOGUE.match_programme("(贵州技工)") == "kaili-2024/guizhou-technician"
    assert CATALOGUE.match_programme("　“贵州技工”\u3000工程") == "kaili-2024/guizhou-technician"


def test_a_wording_of_two_regions_is_settled_by_county_then_city() -> None:
    raw = "职业技能提升行动"
    assert CATALOGUE.match_programme(raw) is None
    assert CATALOGUE.match_programme(raw, county="东宁市") == "dongning-2019"
    assert CATALOGUE.match_programme(raw, county="临沭县") == "linshu-2019"
    assert CATALOGUE.match_programme(raw, county="临沭") == "linshu-2019"
    assert CATALOGUE.match_programme(raw, city="临沂市") == "linshu-2019"
    assert CATALOGUE.match_programme(raw, county="某县", city="牡丹江") == "dongning-2019"
    assert CATALOGUE.match_programme(raw, county="某县", city="某市") is None


def test_manual_and_filtered_quotas_take_no_records() -> None:
    keys = CATALOGUE.programme_keys()
    owners = {qid for ids in keys.values() for qid in ids}
    assert "kaili-2024/foshan-order/employed-share" not in owners
    assert "yuncheng-2018-transfer" not in owners
    assert all(CATALOGUE.get(qid).matchable for qid in owners)


def test_same_place() -> None:
    assert same_place("凯里市", "凯里")
    assert same_place("黔东南州", "黔东南苗族侗族自治州")
    assert same_place("临沭县", " 临沭县 ")
    assert not same_place("临沭县", "临沂市")
