"""The CLI's three files, read back: their figures are the progress engine's for the same
as-of date (summary sentence, towns behind 序时进度, institutions that lose eligibility), no ID
or phone number is anywhere, and a hostile institution name stays text."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import polars as pl
import pytest

from briefing.cli import main
from catalogue.region_scope import EVERYWHERE
from targets.institutions import institution_progress
from targets.places import town_progress
from targets.progress import progress
from tests.briefing import briefing_fixture as fx
from tests.briefing.briefing_read import (
    FULL_ID,
    PHONE,
    docx_paragraphs,
    raw_xml,
    sheet,
    sheet_names,
    slide_charts,
    slides_text,
)
from ui import fmt

REPO = Path(__file__).resolve().parents[2]
SUMMARY = re.compile(
    r"^截至2025年6月30日，全市累计开展职业技能培训(?P<actual>[\d,]+)人次，"
    r"完成目标任务（(?P<target>[\d,]+)人次）的(?P<completion>[\d.]+)%，"
    r"(?P<side>高于|低于)序时进度（(?P<tp>[\d.]+)%）(?P<gap>[\d.]+)个百分点"
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, briefing_db: Path) -> dict[str, Path]:
    """One briefing of Kaili as of 2025-06-30 through the CLI, in-process."""
    out = tmp_path_factory.mktemp("out")
    snaps = tmp_path_factory.mktemp("snaps")
    argv = ["--db", str(briefing_db), "--as-of", "2025-06-30", "--region", "kaili"]
    mp = pytest.MonkeyPatch()
    mp.setenv("SKILLTRACK_ALLOCATIONS", str(fx.write_allocations(out.parent / "alloc")))
    try:
        assert main([*argv, "--out", str(out), "--snapshots", str(snaps), "--quiet"]) == 0
    finally:
        mp.undo()
    found = {p.suffix: p for p in out.iterdir()}
    assert sorted(found) == [".docx", ".pptx", ".xlsx"]  # and nothing half-written beside them
    return found


def engine(db: Path) -> tuple[dict[str, object], list[str], list[str]]:
    """The engine's head row, towns behind 序时进度 (worst first) and failing institutions."""
    head = progress(fx.SECOND, region=EVERYWHERE, db=db, programme="kaili-2024").row(0, named=True)
    towns = town_progress("kaili-2024", fx.SECOND, region=EVERYWHERE, db=db)
    lagging = towns.filter(pl.col("status").is_in(["behind", "lagging"]))["town"].to_list()
    inst = institution_progress(2025, region=EVERYWHERE, db=db)
    # Kaili's document takes no eligibility away: below the reference lines, and no rule
    assert inst.get_column("eligible_next_year").null_count() == inst.height
    failing = inst.filter(pl.col("below_reference"))["institution"].to_list()
    return head, lagging, failing


def test_summary_sentence_is_the_engines(files: dict[str, Path], briefing_db: Path) -> None:
    head, _, _ = engine(briefing_db)
    sentences = [p for p in docx_paragraphs(files[".docx"]) if p.startswith("截至")]
    m = SUMMARY.match(sentences[0])
    assert m, sentences[0]
    c, tp = float(head["completion"]), float(head["time_progress"])  # type: ignore[arg-type]
    assert int(m["actual"].replace(",", "")) == head["actual"] == 26
    assert int(m["target"].replace(",", "")) == head["target"]
    assert m["completion"] == f"{c * 100:.1f}"
    assert m["tp"] == f"{tp * 100:.1f}"
    assert m["side"] == ("低于" if c < tp else "高于")
    assert m["gap"] == f"{abs(c - tp) * 100:.1f}"
    slides = [line for s in slides_text(files[".pptx"]) for t in s for line in t.split("\n")]
    assert sentences[0] in slides  # the overview slide says the same, and shows the figures
    assert fmt.num(int(head["actual"])) in slides
    assert fmt.pct(c) in slides and fmt.pct(tp) in slides


def test_lagging_towns_and_failing_institutions_are_the_engines(
    files: dict[str, Path], briefing_db: Path
) -> None:
    _, lagging, failing = engine(briefing_db)
    assert lagging == ["下司镇", "万潮镇"] and failing == [fx.HOSTILE]
    text = docx_paragraphs(files[".docx"])
    towns = next(p for p in text if p.startswith("按任务分解"))
    assert re.findall(r"(?:：|、)([^（、：]+)（完成", towns) == lagging
    assert "4个镇（街道）中有2个落后于序时进度" in towns
    inst = next(p for p in text if "低于参考线（本地区文件未规定取消资格）" in p)
    named = re.findall(r"(?:：|；)([^（；：]+)（取证率", inst.split("资格）")[1])
    assert named == failing
    assert not any("取消" in p and "定点培训资格" in p and "未规定" not in p for p in text)
    assert any(fx.NEAR in p and "需重点关注" in p for p in text)
    # judged on the year up to the as-of date, as the dashboard's 培训机构 page
    until = fx.SECOND.isoformat()
    hostile = sum(1 for r in fx.rows() if r[6] == fx.HOSTILE and "2025" <= r[9] <= until)
    table = sheet(files[".xlsx"], "培训机构")
    row = next(r for r in table.iter_rows() if r[0] == "=1+1")
    assert float(row[2]) == hostile == 5
    slides = slides_text(files[".pptx"])
    town_slide = next(s for s in slides if any(t.startswith("各镇（街道）进展") for t in s))
    assert "落后于序时进度：2个" in "\n".join(town_slide)
    # the institutions slide: Kaili's document takes no eligibility away
    inst_slide = "\n".join(next(s for s in slides if any(t.startswith("培训机构") for t in s)))
    assert (
        "低于参考线\n1\n本地区文件未规定取消资格" in inst_slide
        and "取消" not in inst_slide.replace("未规定取消资格", "")
    )
    charts = [c for s in slide_charts(files[".pptx"]) for c in s]
    assert ["下司镇", "万潮镇", "西门街道", "三棵树镇"] in charts  # worst first, as the engine
    towns_sheet = sheet(files[".xlsx"], "镇街")
    rows = {r[0]: r for r in towns_sheet.iter_rows() if r[0] in {*fx.TOWNS, "合计"}}
    assert [n for n in rows if rows[n][1] and ("落后" in rows[n][1] or "滞后" in rows[n][1])] == (
        lagging
    )
    total = rows["合计"]
    assert float(total[2]) == 40 and float(total[3]) == 26  # sums of the counts
    assert float(total[4]) == pytest.approx(26 / 40)  # Σ actual ÷ Σ target, not a mean


def test_overview_table_matches_the_engine(files: dict[str, Path], briefing_db: Path) -> None:
    frame = progress(fx.SECOND, region=EVERYWHERE, db=briefing_db, programme="kaili-2024")
    overview = sheet(files[".xlsx"], "总览")
    by_name = {str(r[0]).strip("　"): r for r in overview.iter_rows() if r[0]}
    for r in frame.filter(pl.col("measure") != "manual").iter_rows(named=True):
        if r["parent_id"] not in (None, "kaili-2024"):
            continue
        row = by_name[r["name"]]
        assert float(row[3]) == r["actual"], r["name"]
        if r["target"]:
            assert float(row[5]) == pytest.approx(r["completion"]), r["name"]
    assert sheet_names(files[".xlsx"]) == ["总览", "镇街", "培训机构", "数据新鲜度"]
    # a share target is said beside the name: its target column holds counts
    assert "培训后输送到佛山就业（目标：占比≥10%）" in by_name


def test_no_id_or_phone_number_anywhere(files: dict[str, Path]) -> None:
    for path in files.values():
        xml = raw_xml(path)
        assert FULL_ID.findall(xml) == [], path.name
        assert PHONE.findall(xml) == [], path.name
        assert not [r[1] for r in fx.rows() if r[1] in xml]  # the fixture's own ID numbers


def test_a_name_starting_with_equals_stays_text(files: dict[str, Path]) -> None:
    inst = sheet(files[".xlsx"], "培训机构")
    assert "=1+1" in inst["__UNNAMED__0"].to_list()  # the name as typed, no apostrophe
    with zipfile.ZipFile(files[".xlsx"]) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
        styles = z.read("xl/styles.xml").decode()
        shared = z.read("xl/sharedStrings.xml").decode()
    formulas = [f for s in sheets for f in re.findall(r"<f>([^<]*)</f>", s)]
    assert formulas and not any("1+1" in f for f in formulas)  # only our own SUM / ratios
    strings = re.findall(r"<si><t[^>]*>([^<]*)</t></si>", shared)
    index = strings.index("=1+1")
    cells = [
        m for s in sheets for m in re.findall(r'<c r="[A-Z]+\d+"( s="\d+")? t="s"><v>(\d+)</v>', s)
    ]
    styled = {int(s[4:-1]) for s, v in cells if int(v) == index and s}
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    assert xfs is not None
    xf = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", xfs.group(1), re.S)
    assert styled and all('quotePrefix="1"' in xf[i] for i in styled)  # stays text when edited
    assert any("=1+1" in t and "'=1+1" not in t for t in docx_paragraphs(files[".docx"]))
    assert any("=1+1" in t and "'=1+1" not in t for s in slides_text(files[".pptx"]) for t in s)


def test_python_m_briefing_end_to_end(briefing_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "会议材料"
    env = {
        "SKILLTRACK_ALLOCATIONS": str(fx.write_allocations(tmp_path / "alloc")),
        "SKILLTRACK_BRIEFINGS": str(tmp_path / "snaps"),
        "PATH": "/usr/bin:/bin",
    }
    argv = ["--db", str(briefing_db), "--as-of", "2025-06-30", "--out", str(out)]
    run = subprocess.run(
        [sys.executable, "-m", "briefing", *argv, "--programme", "kaili-2024/guizhou-technician"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    written = [Path(line) for line in run.stdout.splitlines()]
    assert [p.suffix for p in written] == [".docx", ".pptx", ".xlsx"]
    assert all(p.parent == out and p.stat().st_size > 0 for p in written)
    assert "凯里市贵州技工" in written[0].name and "100%" in run.stderr
    assert list((tmp_path / "snaps").glob("*.json"))
