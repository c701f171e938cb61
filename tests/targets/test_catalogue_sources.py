"""Every quota of every catalogue file cites its document verbatim, number included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalogue.loader import CATALOGUE_DIR, POLICIES_DIR, load_catalogue
from catalogue.model import Quota, normalise_programme_name

POLICIES = POLICIES_DIR  # in the repository: the tests read nothing outside it
NO_LOCAL = Path(__file__).resolve().parent / "no-such-local.toml"
CATALOGUE = load_catalogue(local_path=NO_LOCAL)
QUOTAS = CATALOGUE.quotas
IDS = [q.id for q in QUOTAS]


def document(name: str) -> str:
    path = POLICIES / name
    assert path.is_file(), f"{path} missing: the cited documents live in catalogue/policies/"
    return path.read_text(encoding="utf-8")


def number_forms(n: int) -> set[str]:
    """The ways a document writes n: 600, 3,000, 300万 / 300萬, 1.5万, 0.9萬, 一 … 十."""
    forms = {str(n), f"{n:,}"}
    if n >= 1000:
        wan = f"{n / 10_000:g}"
        forms |= {f"{wan}万", f"{wan}萬"}
    if 1 <= n <= 10:
        forms.add("一二三四五六七八九十"[n - 1])
    return forms


def rate_forms(rate: float) -> set[str]:
    """10%, 50%; a ratio above 1 as 1.2∶1 or 1.2:1."""
    return {f"{rate * 100:g}%", f"{rate:g}∶1", f"{rate:g}:1"}


def says(quote: str, forms: set[str]) -> bool:
    """Whether the quote writes one of the forms as a whole number: 300 is not in 3000, 300万
    or 1.300, and 10% not in 110%."""

    def pattern(f: str) -> str:
        before = r"(?<![\d.,])" if f[0].isdigit() else ""
        after = r"(?![\d.,万萬%])" if f[-1].isdigit() else ""
        return before + re.escape(f) + after

    return any(re.search(pattern(f), quote) for f in forms)


def test_a_number_is_found_whole() -> None:
    assert says("培训600人", number_forms(600))
    assert not says("培训6000人", number_forms(600))
    assert not says("培训600万人次", number_forms(600))
    assert not says("培训1600人", number_forms(600))
    assert says("达到10%以上", rate_forms(0.1)) and not says("达到110%", rate_forms(0.1))


def test_number_forms() -> None:
    assert {"300万", "300萬", "3000000", "3,000,000"} <= number_forms(3_000_000)
    assert {"1.5万", "1.5萬", "15000"} <= number_forms(15_000)
    assert {"0.9萬", "9000", "9,000"} <= number_forms(9000)
    assert "一" in number_forms(1)
    assert rate_forms(0.1) >= {"10%"} and "1.2∶1" in rate_forms(1.2)


def test_every_document_has_its_catalogue_file() -> None:
    documents = sorted(p.stem for p in POLICIES.glob("*.txt"))
    assert sorted(p.stem for p in CATALOGUE_DIR.glob("*.toml")) == documents
    assert {q.source.document for q in QUOTAS} == {f"{d}.txt" for d in documents}


@pytest.mark.parametrize("quota", QUOTAS, ids=IDS)
def test_quote_is_verbatim(quota: Quota) -> None:
    text = document(quota.source.document)
    assert quota.source.quote.strip() and quota.source.clause.strip()
    assert quota.source.quote in text, f"{quota.id}: quote not found in {quota.source.document}"
    if quota.threshold_source:
        assert quota.threshold_source.quote in text


@pytest.mark.parametrize("quota", QUOTAS, ids=IDS)
def test_quote_states_the_target(quota: Quota) -> None:
    quote = quota.source.quote
    if quota.target is not None:
        per_year = set(quota.yearly.values())
        assert says(quote, number_forms(quota.target)) or (
            per_year and all(says(quote, number_forms(n)) for n in per_year)
        ), f"{quota.id}: the quote shows neither {quota.target} nor its yearly figures"
    if quota.target_rate is not None:
        assert says(quote, rate_forms(quota.target_rate))
    if quota.target is None and quota.target_rate is None:
        assert quota.measure == "manual" or quota.note, f"{quota.id}: say why there is no target"


@pytest.mark.parametrize("quota", QUOTAS, ids=IDS)
def test_quote_states_the_thresholds(quota: Quota) -> None:
    source = quota.threshold_source or quota.source
    for t in (quota.certificate_threshold, quota.employment_threshold):
        if t is not None:
            assert says(source.quote, rate_forms(t)), f"{quota.id}: {t:.0%} not in the quote"


# Traditional → simplified for the characters of Zhejiang's quota names.
T2S = str.maketrans(
    "實現藍領職業動鑰訓計畫製數車綠紡織裝電務養護嬰遊運輸郵遞質農創時學鄉繼續畢軍殘國個體戶築從員類種會與",
    "实现蓝领职业动钥训计划制数车绿纺织装电务养护婴游运输邮递质农创时学乡继续毕军残国个体户筑从员类种会与",
)


@pytest.mark.parametrize(
    "quota",
    [q for q in QUOTAS if q.id.startswith("zhejiang") and q.matchable],
    ids=lambda q: q.id,
)
def test_zhejiang_wordings_come_in_both_scripts(quota: Quota) -> None:
    keys = {normalise_programme_name(a) for a in quota.aliases}
    assert normalise_programme_name(quota.name) in keys
    for wording in (quota.name, *quota.aliases):
        simplified = normalise_programme_name(wording.translate(T2S))
        assert simplified in keys, f"{quota.id}: add the simplified wording {simplified!r}"


def test_contract_ids_and_regions() -> None:
    required: dict[str, str | None] = {
        "kaili-2024": None,
        "zhejiang-2021": None,
        "dongning-2019": None,
        "yuncheng-2018": None,
        "linshu-2019": None,
    }
    kaili_parts = [
        "guizhou-technician",
        "qiancai-chef",
        "qianling-housekeeping",
        "qianlv-tourism",
        "enterprise-workers",
        "project-certificate",
        "agri-short",
        "malanhua-startup",
    ]
    required |= {f"kaili-2024/{slug}": "kaili-2024" for slug in kaili_parts}
    for qid, parent in required.items():
        assert CATALOGUE.get(qid).parent_id == parent
    kaili = CATALOGUE.get("kaili-2024")
    assert (kaili.region.province, kaili.region.city, kaili.region.county) == (
        "贵州省",
        "黔东南苗族侗族自治州",
        "凯里市",
    )
    assert all(
        (q.period_start.isoformat(), q.period_end.isoformat()) == ("2024-01-01", "2025-12-31")
        for q in (kaili, *CATALOGUE.descendants("kaili-2024"))
    )
    assert CATALOGUE.get("linshu-2019").target is None
    assert CATALOGUE.get("dongning-2019").target == 9000
    assert CATALOGUE.get("zhejiang-2021").target == 3_000_000
    yuncheng = CATALOGUE.get("yuncheng-2018")
    assert yuncheng.measure == "certified" and set(yuncheng.yearly.values()) == {200_000}
    assert (yuncheng.certificate_threshold, yuncheng.employment_threshold) == (0.8, 0.3)
    workers = CATALOGUE.get("kaili-2024/enterprise-workers")
    assert workers.yearly == {2024: 400, 2025: 600} and workers.target == 1000
