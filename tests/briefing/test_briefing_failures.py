"""Failures say what failed and leave nothing half-written: unknown region or programme, a
missing warehouse, a writer that breaks halfway, no CJK font, a bad date."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import render
from briefing.cli import main
from briefing.exceptions import FontMissing, RenderFailed
from briefing.fonts import FONT_ENV
from briefing.render import make_briefing
from briefing.snapshots import list_snapshots
from catalogue.region_scope import EVERYWHERE
from tests.briefing import briefing_fixture as fx


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--quiet"])
    out, err = capsys.readouterr()
    return code, out, err


def test_unknown_region_and_programme_name_the_valid_ones(
    briefing_db: Path, tmp_path: Path, snapshots: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--db", str(briefing_db), "--as-of", "2025-06-30", "--out", str(tmp_path / "o"))
    code, out, err = run(capsys, *base, "--region", "北京")
    assert code == 1 and out == ""
    assert "没有名为「北京」的地区" in err and "kaili-2024-2025" in err
    code, _, err = run(capsys, *base, "--region", "yuncheng", "--programme", "kaili-2024")
    assert code == 1 and "不属于所选地区" in err and "yuncheng-2018" in err
    code, _, err = run(capsys, *base, "--programme", "kaili-2024/training-brand")
    assert code == 1 and "手工统计指标" in err
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
    assert list_snapshots(snapshots) == []


def test_missing_warehouse_and_bad_date(
    tmp_path: Path, snapshots: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.duckdb"
    code, _, err = run(capsys, "--db", str(missing), "--as-of", "2025-06-30", "--out", "o")
    assert code == 1 and "python -m etl demo" in err
    with pytest.raises(SystemExit) as exc:
        main(["--as-of", "2025/06/30", "--out", str(tmp_path)])
    assert exc.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err


def test_a_writer_failing_halfway_leaves_nothing(
    briefing_db: Path, tmp_path: Path, snapshots: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "凯里市职业技能培训_20250630_进展情况通报.docx"
    earlier.write_bytes(b"the last meeting's file")

    def broken(b: object, changes: object, path: Path, step: object) -> None:
        path.write_bytes(b"half a deck")
        raise KeyError("slide layout 6")

    parts = [(w, broken if "幻灯片" in w else f, s, n) for w, f, s, n in render.PARTS]
    monkeypatch.setattr(render, "PARTS", tuple(parts))
    with pytest.raises(RenderFailed) as exc:
        make_briefing(fx.SECOND, out, scope=EVERYWHERE, db=briefing_db, region="kaili")
    assert "幻灯片" in str(exc.value) and "slide layout 6" in str(exc.value)
    assert sorted(p.name for p in out.iterdir()) == [earlier.name]  # no temp dir, no new file
    assert earlier.read_bytes() == b"the last meeting's file"
    assert list_snapshots(snapshots) == []  # a failed briefing is not a meeting


def test_no_cjk_font_says_which_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import fonts

    monkeypatch.setattr(fonts, "packaged_font", lambda: None)  # as if mplfonts were missing
    monkeypatch.setattr(fonts, "FAMILIES", ())
    monkeypatch.setattr(fonts, "FILES", ("/nonexistent/NotoSansCJK-Regular.ttc",))
    monkeypatch.setenv(FONT_ENV, "/nonexistent/font.ttf")
    fonts.cjk_family.cache_clear()
    try:
        with pytest.raises(FontMissing) as exc:
            fonts.cjk_family()
    finally:
        fonts.cjk_family.cache_clear()
    message = str(exc.value)
    assert "requirements.txt" in message and "mplfonts" in message
    assert "SKILLTRACK_CJK_FONT" in message
    assert "/nonexistent/font.ttf" in message
