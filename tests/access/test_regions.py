"""A scope is a region of the catalogue's tree, written as people write it."""

from __future__ import annotations

import pytest

from catalogue.exceptions import UnknownRegion
from catalogue.region_scope import EVERYWHERE, RegionScope, resolve


@pytest.mark.parametrize(
    ("text", "path", "label"),
    [
        ("浙江省", "浙江省", "浙江省"),
        ("临沭县", "山东省·临沂市·临沭县", "临沭县"),
        ("临沭", "山东省·临沂市·临沭县", "临沭县"),
        ("黔东南州", "贵州省·黔东南苗族侗族自治州", "黔东南苗族侗族自治州"),
        ("凯里市·舟溪镇", "贵州省·黔东南苗族侗族自治州·凯里市·舟溪镇", "凯里市·舟溪镇"),
        ("凯里市 舟溪镇", "贵州省·黔东南苗族侗族自治州·凯里市·舟溪镇", "凯里市·舟溪镇"),
        ("运城市 盐湖区", "山西省·运城市·盐湖区", "盐湖区"),
        ("全部", "", "全部地区"),
    ],
)
def test_a_scope_resolves_to_its_full_path(text: str, path: str, label: str) -> None:
    scope = resolve(text)
    assert (scope.path, scope.label) == (path, label)
    assert RegionScope.from_path(scope.path) == scope


def test_an_unknown_region_lists_the_known_ones() -> None:
    with pytest.raises(UnknownRegion, match=r"找不到地区“北京市”.*临沭县"):
        resolve("北京市")


def test_containment() -> None:
    county, town = resolve("凯里市"), resolve("凯里市·舟溪镇")
    assert county.contains(town) and not town.contains(county) and town.overlaps(county)
    assert EVERYWHERE.contains(town) and not resolve("临沭县").overlaps(town)
    assert town.params() == {
        "scope_province": "贵州省",
        "scope_city": "黔东南苗族侗族自治州",
        "scope_county": "凯里市",
        "scope_town": "舟溪镇",
    }
