"""Hostile catalogue files: each error names the file, the quota and the field to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.exceptions import (
    CatalogueError,
    CatalogueSyntaxError,
    DuplicateAlias,
    DuplicateId,
    InconsistentTarget,
    InvalidField,
    InvalidPeriod,
    InvalidThreshold,
    MissingParent,
    TargetsError,
    UnknownQuota,
)
from catalogue.loader import load_catalogue

HEAD = """
[document]
file = "tiny.txt"

[defaults]
period = { start = 2024-01-01, end = 2025-12-31 }
region = { province = "贵州省", city = "黔东南苗族侗族自治州", county = "凯里市" }
unit = "人次"
measure = "trained"
"""


def quota(qid: str, name: str, *extra: str) -> str:
    lines = [
        "[[quota]]",
        f'id = "{qid}"',
        f'name = "{name}"',
        'name_en = "x"',
        'clause = "一、"',
        'quote = "到2025年培训100人次"',
        *extra,
    ]
    return "\n".join(lines) + "\n"


def write(directory: Path, name: str, *quotas: str, head: str = HEAD) -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(head + "\n" + "\n".join(quotas), encoding="utf-8")
    return path


def load(tmp_path: Path) -> None:
    load_catalogue(tmp_path / "catalogue", tmp_path / "local.toml")


def failure(tmp_path: Path, kind: type[CatalogueError]) -> CatalogueError:
    with pytest.raises(kind) as info:
        load(tmp_path)
    return info.value


def test_a_tiny_valid_catalogue_loads(tmp_path: Path) -> None:
    write(
        tmp_path / "catalogue",
        "a.toml",
        quota("a-2024", "总量", "target = 100"),
        quota("a-2024/b", "乙", "target = 40", 'aliases = ["“乙”培训"]'),
    )
    cat = load_catalogue(tmp_path / "catalogue", tmp_path / "local.toml")
    assert [q.id for q in cat.quotas] == ["a-2024", "a-2024/b"]
    assert cat.get("a-2024/b").parent_id == "a-2024"
    assert cat.get("a-2024/b").region.county == "凯里市"
    assert cat.get("a-2024/b").source.document == "tiny.txt"


@pytest.mark.parametrize(
    ("quotas", "kind", "qid", "field", "hint"),
    [
        (
            [quota("a-2024", "甲"), quota("a-2024", "乙")],
            DuplicateId,
            "a-2024",
            "id",
            "already defined",
        ),
        ([quota("a-2024/b", "乙")], MissingParent, "a-2024/b", "id", "'a-2024' is not defined"),
        (
            [quota("a-2024", "甲", "period = { start = 2025-01-01, end = 2024-01-01 }")],
            InvalidPeriod,
            "a-2024",
            "period",
            "swap",
        ),
        (
            [quota("a-2024", "甲", "certificate_threshold = 1.5")],
            InvalidThreshold,
            "a-2024",
            "certificate_threshold",
            "0…1",
        ),
        (
            [quota("a-2024", "甲", 'aliases = ["培训甲"]'), quota("b-2024", "「培训甲」项目")],
            DuplicateAlias,
            "b-2024",
            "aliases",
            "already names 'a-2024'",
        ),
        (
            [quota("a-2024", "甲", 'unit = "人头"')],
            InvalidField,
            "a-2024",
            "unit",
            "人次, 人, 名",
        ),
        (
            [quota("a-2024", "甲", 'measure = "attended"')],
            InvalidField,
            "a-2024",
            "measure",
            "trained, certified, employed, manual",
        ),
        ([quota("a-2024", "甲", "taget = 5")], InvalidField, "a-2024", "taget", "typo"),
        ([quota("A 2024", "甲")], InvalidField, "A 2024", "id", "slug"),
        (
            [quota("a-2024", "甲", "target = 900", "yearly = { 2024 = 400, 2025 = 600 }")],
            InconsistentTarget,
            "a-2024",
            "yearly",
            "sums to 1000",
        ),
        (
            [quota("a-2024", "甲", "target = 100", "yearly = { 2026 = 100 }")],
            InvalidPeriod,
            "a-2024",
            "yearly",
            "outside the period",
        ),
        (
            [
                quota("a-2024", "甲", "target = 100", 'rollup = "sum"'),
                quota("a-2024/b", "乙", "target = 60"),
                quota("a-2024/c", "丙", "target = 30"),
            ],
            InconsistentTarget,
            "a-2024",
            "target",
            "add up to 90",
        ),
        ([quota("a-2024", "甲", 'rollup = "sum"')], InconsistentTarget, "a-2024", "rollup", ""),
        (
            [quota("a-2024", "甲", "target = 5", "target_rate = 0.5")],
            InvalidField,
            "a-2024",
            "target_rate",
            "not both",
        ),
        (
            [quota("a-2024", "甲", 'filter = { place = "佛山" }')],
            InvalidField,
            "a-2024",
            "filter",
            "employment_place",
        ),
        (
            [quota("a-2024", "甲", "target = true")],
            InvalidField,
            "a-2024",
            "target",
            "whole number",
        ),
    ],
    ids=[
        "duplicate-id",
        "missing-parent",
        "period-backwards",
        "threshold-1.5",
        "duplicate-alias-in-region",
        "bad-unit",
        "bad-measure",
        "unknown-key",
        "id-not-a-slug",
        "split-not-target",
        "split-outside-period",
        "sum-not-children",
        "sum-without-children",
        "target-and-rate",
        "bad-filter-key",
        "target-bool",
    ],
)
def test_hostile_quota(
    tmp_path: Path,
    quotas: list[str],
    kind: type[CatalogueError],
    qid: str | None,
    field: str,
    hint: str,
) -> None:
    path = write(tmp_path / "catalogue", "bad.toml", *quotas)
    err = failure(tmp_path, kind)
    assert (err.file, err.quota_id, err.field) == (str(path), qid, field)
    assert hint in str(err) and str(path) in str(err)
    assert isinstance(err, TargetsError)


def test_an_empty_quote_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "catalogue", "a.toml", quota("a-2024", "甲").replace("100人次", ""))
    path.write_text(path.read_text().replace('quote = "到2025年培训"', 'quote = "  "'))
    err = failure(tmp_path, InvalidField)
    assert (err.quota_id, err.field) == ("a-2024", "quote")


def test_a_missing_field_says_what_to_add(tmp_path: Path) -> None:
    write(tmp_path / "catalogue", "a.toml", quota("a-2024", "甲").replace('name_en = "x"\n', ""))
    err = failure(tmp_path, InvalidField)
    assert err.field == "name_en" and "add `name_en" in str(err)


def test_the_same_wording_in_two_regions_is_fine(tmp_path: Path) -> None:
    elsewhere = HEAD.replace('city = "黔东南苗族侗族自治州", county = "凯里市"', 'city = "运城市"')
    write(tmp_path / "catalogue", "a.toml", quota("a-2024", "创业培训"))
    write(tmp_path / "catalogue", "b.toml", quota("b-2024", "创业培训"), head=elsewhere)
    load(tmp_path)


def test_a_parent_in_a_later_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "catalogue", "a.toml", quota("b-2024/x", "乙"))
    write(tmp_path / "catalogue", "b.toml", quota("b-2024", "甲"))
    err = failure(tmp_path, MissingParent)
    assert err.file.endswith("a.toml") and "later file" in str(err)


def test_broken_toml(tmp_path: Path) -> None:
    path = write(tmp_path / "catalogue", "a.toml", "[[quota]\nid = ")
    err = failure(tmp_path, CatalogueSyntaxError)
    assert err.file == str(path) and "not valid TOML" in str(err)


def test_a_file_without_document(tmp_path: Path) -> None:
    write(tmp_path / "catalogue", "a.toml", quota("a-2024", "甲"), head="")
    assert failure(tmp_path, InvalidField).field == "document"


def test_local_overrides_and_additions(tmp_path: Path) -> None:
    write(tmp_path / "catalogue", "a.toml", quota("a-2024", "甲"))
    (tmp_path / "local.toml").write_text(
        '[quota."a-2024"]\ntarget = 12000\n\n'
        '[quota."a-2024/town"]\nname = "某镇"\nname_en = "A town"\nunit = "人次"\n'
        'measure = "trained"\ndocument = "town.txt"\nclause = "一"\nquote = "下达500人次"\n'
        "target = 500\nperiod = { start = 2024-01-01, end = 2024-12-31 }\n"
        'region = { province = "贵州省", city = "黔东南苗族侗族自治州", county = "凯里市" }\n',
        encoding="utf-8",
    )
    cat = load_catalogue(tmp_path / "catalogue", tmp_path / "local.toml")
    assert cat.get("a-2024").target == 12000
    assert cat.local_fields["a-2024"] == ("target",)
    assert [q.id for q in cat.children("a-2024")] == ["a-2024/town"]
    assert cat.get("a-2024/town").catalogue_file == str(tmp_path / "local.toml")


def test_a_bad_local_override_names_local_toml(tmp_path: Path) -> None:
    write(tmp_path / "catalogue", "a.toml", quota("a-2024", "甲"))
    (tmp_path / "local.toml").write_text('[quota."a-2024"]\ntarget = "many"\n')
    err = failure(tmp_path, InvalidField)
    assert (err.file, err.quota_id, err.field) == (str(tmp_path / "local.toml"), "a-2024", "target")


def test_a_local_override_of_an_unknown_id(tmp_path: Path) -> None:
    write(tmp_path / "catalogue", "a.toml", quota("a-2024", "甲"))
    (tmp_path / "local.toml").write_text('[quota."a-2042"]\ntarget = 5\n')
    err = failure(tmp_path, InvalidField)
    assert err.quota_id == "a-2042" and "nothing to override" in str(err)


def test_tree_lookups_and_unknown_ids(tmp_path: Path) -> None:
    write(
        tmp_path / "catalogue",
        "a.toml",
        quota("a-2024", "甲"),
        quota("a-2024/b", "乙"),
        quota("a-2024/b/c", "丙"),
        quota("a-2024/d", "丁"),
        quota("z-2024", "戊"),
    )
    cat = load_catalogue(tmp_path / "catalogue", tmp_path / "local.toml")
    assert [q.id for q in cat.roots()] == ["a-2024", "z-2024"]
    assert [q.id for q in cat.children("a-2024")] == ["a-2024/b", "a-2024/d"]
    assert [q.id for q in cat.descendants("a-2024")] == ["a-2024/b", "a-2024/b/c", "a-2024/d"]
    assert "a-2024/b/c" in cat and "nope" not in cat
    with pytest.raises(UnknownQuota) as info:
        cat.get("a-2024/x")
    assert isinstance(info.value, KeyError) and "a-2024/b" in str(info.value)


def test_the_cache_follows_file_contents(tmp_path: Path) -> None:
    path = write(tmp_path / "catalogue", "a.toml", quota("a-2024", "甲", "target = 100"))
    first = load_catalogue(tmp_path / "catalogue", tmp_path / "local.toml")
    assert load_catalogue(tmp_path / "catalogue", tmp_path / "local.toml") is first
    path.write_text(path.read_text().replace("target = 100", "target = 200"))
    assert (
        load_catalogue(tmp_path / "catalogue", tmp_path / "local.toml").get("a-2024").target == 200
    )


def test_a_local_target_that_breaks_the_split_names_local_toml(tmp_path: Path) -> None:
    write(
        tmp_path / "catalogue",
        "a.toml",
        quota("a-2024", "甲", "target = 10", "yearly = { 2024 = 10 }"),
    )
    (tmp_path / "local.toml").write_text('[quota."a-2024"]\ntarget = 12\n')
    err = failure(tmp_path, InconsistentTarget)
    assert (err.file, err.field) == (str(tmp_path / "local.toml"), "target")
