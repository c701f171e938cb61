"""会议简报: one click makes the three files for the sidebar's filters, with the summary the 通报
opens with; the snapshot is listed and re-opens; English too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

OpenPage = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def charts_without_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a CJK font (.ci/run installs one), the chart images are stubbed, not failed."""
    from briefing import charts
    from briefing.exceptions import FontMissing
    from briefing.fonts import cjk_family

    try:
        cjk_family()
    except FontMissing:
        for name in ("programme_bars", "places_bars", "trajectory"):
            monkeypatch.setattr(charts, name, lambda *a, **k: PNG)


PNG = bytes.fromhex(  # a 1×1 white PNG
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8ffff3f0005fe02fea7d6a4b80000000049454e44ae426082"
)


@pytest.fixture(autouse=True)
def snapshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SKILLTRACK_BRIEFINGS", str(tmp_path / "briefings"))
    return tmp_path / "briefings"


def downloads(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_make_a_briefing_then_reopen_it(open_page: OpenPage, snapshots: Path) -> None:
    at = open_page("briefing", plan="kaili-2024-2025")
    assert at.text_input(key="briefing_office_kaili-2024-2025_None").value == (
        "凯里市人力资源和社会保障局"
    )
    assert "还没有保存的简报快照。" in [c.value for c in at.caption]
    at.button(key="briefing_make").click().run(timeout=120)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert downloads(at) == ["下载通报（Word）", "下载幻灯片（PowerPoint）", "下载统计表（Excel）"]
    opening = [m.value for m in at.markdown if m.value.startswith("> 截至")]
    assert opening and "全市累计开展职业技能培训" in opening[0]
    assert len(list(snapshots.glob("*.json"))) == 1
    listed = at.dataframe[0].value
    assert list(listed["scope"]) == ["凯里市"]
    at.button(key="briefing_reopen").click().run(timeout=120)
    assert not at.exception and len(downloads(at)) == 6


def test_english_and_a_programme(open_page: OpenPage) -> None:
    at = open_page(
        "briefing", plan="kaili-2024-2025", programme="kaili-2024/guizhou-technician", lang="en"
    )
    assert at.header[0].value == "Meeting briefing: report, slides and tables"
    assert at.button(key="briefing_make").proto.label == "Make the briefing"
    assert any("贵州技工" in m.value for m in at.markdown)
