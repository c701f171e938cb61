"""Strings, formats, labels and table frames: both languages complete, statuses readable."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from ui import fmt
from ui.i18n import STRINGS, status_label, status_labels, t
from ui.labels import with_labels
from ui.tables import programme_table, rate_cells
from ui.theme import STATUS_COLOURS, STATUS_ICONS, STATUS_KEYS

ROOT = Path(__file__).resolve().parents[2]


def test_every_key_used_in_code_exists_in_both_languages() -> None:
    used = set()
    for path in [
        ROOT / "app.py",
        *(ROOT / "app_pages").glob("*.py"),
        *(ROOT / "dashboard").glob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
    ]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_0-9]+)["']""", path.read_text("utf-8")))
        used |= set(re.findall(r"""ctx\.t\(\s*["']([a-z_0-9]+)["']""", path.read_text("utf-8")))
    missing = sorted(k for k in used if k not in STRINGS)
    assert missing == []
    assert all(zh and en for zh, en in STRINGS.values())


def test_placeholders_agree_between_languages() -> None:
    for key, (zh, en) in STRINGS.items():
        assert set(re.findall(r"\{(\w+)\}", zh)) == set(re.findall(r"\{(\w+)\}", en)), key


def test_each_status_has_its_own_colour_icon_and_word() -> None:
    assert len(set(STATUS_COLOURS.values())) == len(STATUS_KEYS)
    assert len(set(STATUS_ICONS.values())) == len(STATUS_KEYS)
    assert status_label("behind", "zh") == "▼ 落后"
    assert status_label(None, "en") == "– no target"
    assert len(set(status_labels("zh"))) == len(STATUS_KEYS)


def test_one_record_per_status_and_the_engine_words_it_with_the_same_words() -> None:
    from targets.status import STATUS_WORDS, STATUSES
    from ui.theme import STATUS_LOOKS

    assert tuple(s.key for s in STATUS_LOOKS) == STATUS_KEYS
    assert set(STATUSES) | {"none"} == set(STATUS_KEYS)
    for look in STATUS_LOOKS:
        if look.key != "none":
            assert look.words == STATUS_WORDS[look.key]
        assert status_label(look.key, "en") == f"{look.icon} {look.words[1]}"


def test_formats() -> None:
    assert fmt.num(1234567) == "1,234,567" and fmt.num(None) == "—"
    assert fmt.pct(0.8727) == "87.3%" and fmt.pct(None) == "—"
    assert fmt.points(-0.123, "zh") == "-12.3 个百分点"
    assert fmt.gap(0.5, 0.6, "en") == "-10.0 pts" and fmt.gap(None, 0.6) is None
    assert t("card_numbers", "zh", tp="1%", actual="2", target="3", unit="人").startswith("序时")


def test_rates_beside_thresholds_compare_exactly() -> None:
    assert rate_cells([0.8, 0.7999, None], [0.8, 0.8, 0.8]) == [
        "✔ 80.0% ≥ 80%",
        "✖ 80.0% < 80%",
        "—",
    ]


def test_labels_are_unique_and_indented() -> None:
    rows = pl.DataFrame(
        {
            "plan": ["a", "b", "b"],
            "level": [0, 0, 1],
            "name": ["职业技能提升行动", "职业技能提升行动", "项目制培训"],
            "name_en": ["Skills", "Skills", None],
        }
    )
    labels = with_labels(rows, {"a": "东宁市", "b": "临沭县"}, "zh").get_column("label")
    assert labels.to_list() == [
        "东宁市 · 职业技能提升行动",
        "临沭县 · 职业技能提升行动",
        "　└ 项目制培训",
    ]
    same = with_labels(rows, {}, "en").get_column("label").to_list()
    assert same[0] != same[1] and same[0].strip("\u200b") == same[1].strip("\u200b")


def test_a_share_target_is_said_beside_the_name() -> None:
    rows = pl.DataFrame(
        {
            "plan": ["k", "k"],
            "level": [1, 2],
            "name": ["东西部协作订单定岗培训", "培训后输送到佛山就业"],
            "name_en": [None, "Employed in Foshan"],
            "target_rate": [None, 0.1],
        }
    )
    zh = with_labels(rows, {}, "zh").get_column("label").to_list()
    assert zh == ["　└ 东西部协作订单定岗培训", "　└ 培训后输送到佛山就业（目标：占比≥10%）"]
    en = with_labels(rows, {}, "en").get_column("label").to_list()
    assert en[1] == "　└ Employed in Foshan (target: ≥10% share)"


def test_programme_table_statuses_as_coloured_labels_and_shares_as_percent() -> None:
    rows = pl.DataFrame(
        {
            "label": ["贵州技工"],
            "status": ["lagging"],
            "target": [600],
            "actual": [480],
            "unit": ["人次"],
            "completion": [0.8],
            "time_progress": [0.873],
            "certificate_rate": [0.85],
            "certificate_threshold": [0.9],
            "employment_rate": [0.85],
            "employment_threshold": [0.8],
            "needed_to_be_on_pace": [44],
            "projected_completion": [None],
        }
    )
    frame, config = programme_table(rows, "zh")
    assert frame.columns[:4] == ["项目", "状态", "目标", "实际"]  # a CSV download's headers
    assert frame.get_column("状态").to_list() == [["▲ 滞后"]]
    assert frame.get_column("完成率").to_list() == [80.0]
    assert frame.get_column("取证率").to_list() == ["✖ 85.0% < 90%"]
    assert config["状态"]["type_config"]["options"][2] == {
        "value": "▲ 滞后",
        "color": STATUS_COLOURS["lagging"],
    }
