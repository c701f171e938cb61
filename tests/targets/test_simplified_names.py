"""Names are shown in Simplified Chinese (a Zhejiang 人社厅 writes 金蓝领职业技能提升行动), the
verbatim quotes stay as the document has them, and a ledger written in either script matches the
same quota. OpenCC (a maintained converter) is the judge of what is Simplified."""

from __future__ import annotations

import opencc
import pytest

from catalogue.loader import load_catalogue
from catalogue.model import Quota

CAT = load_catalogue()
T2S = opencc.OpenCC("t2s")
S2T = opencc.OpenCC("s2t")
ZHEJIANG = [q for q in CAT.quotas if q.id.startswith("zhejiang")]


@pytest.mark.parametrize("quota", CAT.quotas, ids=lambda q: q.id)
def test_every_name_is_simplified(quota: Quota) -> None:
    assert T2S.convert(quota.name) == quota.name, f"{quota.id}: {quota.name}"
    doc = quota.source
    assert T2S.convert(doc.title) == doc.title, f"{quota.id}: {doc.title}"


def test_zhejiang_reads_as_a_zhejiang_office_writes_it() -> None:
    head = CAT.get("zhejiang-2021")
    assert head.name == "金蓝领职业技能提升行动"
    assert CAT.get("zhejiang-2021/jinyao/smart-manufacturing").name == "智能制造行业技能人才"


def test_quotes_stay_as_the_document_has_them() -> None:
    """The quote is the document's text (test_catalogue_sources checks it against the file)."""
    quote = CAT.get("zhejiang-2021").source.quote
    assert quote == "到2023年,全省培訓達到300萬人次以上。"
    assert T2S.convert(quote) != quote  # still in the document's own script


@pytest.mark.parametrize("quota", [q for q in ZHEJIANG if q.matchable], ids=lambda q: q.id)
def test_ledgers_in_either_script_match(quota: Quota) -> None:
    # A Zhejiang ledger's rows (the record's region first: 残疾人 and 安全 training are also
    # Linshu's and Dongning's wordings, so the wording alone does not say whose quota it is).
    for wording in (quota.name, S2T.convert(quota.name)):
        assert CAT.match_programme(wording, province="浙江省") == quota.id, wording
        assert CAT.match_programme(wording, region="浙江省") == quota.id, wording
