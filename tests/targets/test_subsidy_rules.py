"""The [[rule]] records: every rule cites its document verbatim; a bad rule is refused with the
valid values listed; local.toml changes or adds a rule; a programme gets its nearest rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.exceptions import InvalidField
from catalogue.loader import POLICIES_DIR, load_catalogue
from catalogue.local import set_target
from catalogue.rules import FLAG_BITS, FLAGS, KINDS, Rule, exclusion_mask, rules_for

POLICIES = POLICIES_DIR  # in the repository
NO_LOCAL = Path(__file__).resolve().parent / "no-such-local.toml"
CATALOGUE = load_catalogue(local_path=NO_LOCAL)
RULES = CATALOGUE.rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_quote_is_verbatim(rule: Rule) -> None:
    text = (POLICIES / rule.document).read_text(encoding="utf-8")
    assert rule.quote in text
    assert rule.clause.strip()
    for value in rule.params.values():  # each number of the rule is written in its quote
        if isinstance(value, int | float) and not isinstance(value, bool):
            assert _says(rule.quote, value), (rule.id, value)


def _says(quote: str, value: float) -> bool:
    forms = {f"{value:g}", f"{value * 100:g}%"}
    return any(f in quote for f in forms)


def test_the_issues_rules_are_all_there() -> None:
    kinds = {(r.quotas[0].split("/")[0], r.kind) for r in RULES}
    for doc in ("dongning-2019", "linshu-2019", "zhejiang-2021"):
        for kind in ("yearly_limit", "no_repeat_level", "certificate_required"):
            assert (doc, kind) in kinds
    short = rules_for("kaili-2024/agri-short", RULES)
    assert short["max_days"].params["days"] == 3 and short["max_age"].params["age"] == 65
    assert short["daily_rate"].params["rate"] == 60
    assert "max_age" not in rules_for("kaili-2024/qiancai-chef", RULES)  # only 短平快
    yc = rules_for("yuncheng-2018/migrant-workers", RULES)  # a sub-quota inherits
    assert dict(yc["daily_rate"].params) == {
        "rate": 150, "after_days": 10, "later_rate": 100, "max_paid_days": 15,
    }  # fmt: skip
    assert dict(yc["employment_tranche"].params) == {"share": 0.8, "months": 3}
    project = rules_for("linshu-2019/project-based", RULES)["advance"]
    assert (project.params["share"], project.params["employment_rate"]) == (0.6, 0.85)
    dn = rules_for("dongning-2019/black-fungus", RULES)
    assert dn["advance"].params["share"] == 0.5
    assert dn["employment_grant"].params["amount"] == 200
    assert dn["level_amount"].params["amounts"]["初级工"] == 1000


def test_which_flags_exclude_is_the_rules_data() -> None:
    mask = exclusion_mask("kaili-2024/agri-short", RULES)
    assert mask == FLAG_BITS["over_age"] | FLAG_BITS["too_long"]
    assert exclusion_mask("kaili-2024/qiancai-chef", RULES) == 0
    assert len(FLAGS) == 7 and len(set(FLAG_BITS.values())) == 7


HEAD = '[document]\nfile = "tiny.txt"\n\n'
QUOTA = """[[quota]]
id = "tiny-2024"
name = "小项目"
name_en = "Tiny"
target = 10
unit = "人次"
measure = "trained"
period = { start = 2024-01-01, end = 2024-12-31 }
region = { province = "贵州省", city = "黔东南苗族侗族自治州", county = "凯里市" }
clause = "一"
quote = "培训10人次"
"""


def _load(tmp_path: Path, rule: str, local: str = "") -> None:
    (tmp_path / "cat").mkdir(exist_ok=True)
    (tmp_path / "cat" / "tiny.toml").write_text(HEAD + QUOTA + "\n" + rule, encoding="utf-8")
    (tmp_path / "local.toml").write_text(local, encoding="utf-8")
    load_catalogue(tmp_path / "cat", tmp_path / "local.toml")


RULE = (
    '[[rule]]\nid = "tiny-2024/age"\nkind = "max_age"\nquotas = ["tiny-2024"]\n'
    'clause = "二"\nquote = "65岁"\n'
)


@pytest.mark.parametrize(
    ("extra", "field", "says"),
    [
        ("age = 65\n", None, None),
        ("", "age", "missing"),
        ('age = "65"\n', "age", "must be"),
        ("age = 0\n", "age", "above 0"),
        ("age = 65\nrate = 1\n", "rate", "valid keys"),
        ("age = 65\nexcludes = 1\n", "excludes", "true or false"),
    ],
)
def test_bad_rule_values_are_refused(
    tmp_path: Path, extra: str, field: str | None, says: str | None
) -> None:
    if field is None:
        _load(tmp_path, RULE + extra)
        return
    with pytest.raises(InvalidField) as err:
        _load(tmp_path, RULE + extra)
    assert err.value.field == field and says in err.value.message
    assert err.value.quota_id == "tiny-2024/age" and err.value.file.endswith("tiny.toml")


def test_a_bad_kind_lists_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(InvalidField) as err:
        _load(tmp_path, RULE.replace("max_age", "max_ages") + "age = 65\n")
    assert all(k in err.value.message for k in KINDS)


def test_a_rule_must_name_known_quotas_of_its_document(tmp_path: Path) -> None:
    with pytest.raises(InvalidField, match="no quota 'tiny-2025'"):
        _load(tmp_path, RULE.replace('["tiny-2024"]', '["tiny-2025"]') + "age = 65\n")
    with pytest.raises(InvalidField, match=r"belongs to tiny\.txt"):
        _load(tmp_path, RULE + 'age = 65\ndocument = "other.txt"\n')


def test_shares_and_choices(tmp_path: Path) -> None:
    advance = (
        '[[rule]]\nid = "tiny-2024/adv"\nkind = "advance"\nquotas = ["tiny-2024"]\n'
        'clause = "三"\nquote = "60%"\n'
    )
    with pytest.raises(InvalidField, match="outside 0…1"):
        _load(tmp_path, advance + 'share = 60\nrest_on = "employment"\n')
    with pytest.raises(InvalidField, match="project_employment"):
        _load(tmp_path, advance + 'share = 0.6\nrest_on = "employed"\n')
    with pytest.raises(InvalidField, match="needed when"):
        _load(tmp_path, advance + 'share = 0.6\nrest_on = "project_employment"\n')


def test_local_toml_changes_and_adds_rules(tmp_path: Path) -> None:
    local = tmp_path / "local.toml"
    local.write_text(
        '[rule."kaili-2024/agri-short/max-age"]\nage = 70\n\n'
        '[rule."linshu-2019/project-based/per-person"]\nkind = "per_person"\n'
        'quotas = ["linshu-2019/project-based"]\namount = 800\ndocument = "临沭县补贴标准.txt"\n'
        'clause = "一"\nquote = "每人800元"\n',
        encoding="utf-8",
    )
    cat = load_catalogue(local_path=local)
    assert rules_for("kaili-2024/agri-short", cat.rules)["max_age"].params["age"] == 70
    assert rules_for("linshu-2019/project-based", cat.rules)["per_person"].params["amount"] == 800
    # `targets set` rewrites local.toml and keeps the rules
    set_target("linshu-2019", 9000, None, local_path=local)
    cat = load_catalogue(local_path=local)
    assert cat.get("linshu-2019").target == 9000
    assert rules_for("kaili-2024/agri-short", cat.rules)["max_age"].params["age"] == 70
    local.write_text('[rule."no-such-rule"]\nage = 70\n', encoding="utf-8")
    with pytest.raises(InvalidField, match="kind"):
        load_catalogue(local_path=local)
