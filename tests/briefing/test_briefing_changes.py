"""Two meetings: the second briefing says what moved since the first's snapshot, as the engine
counts it at both dates; snapshots are listed, replaced per date and re-opened."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from briefing.render import make_briefing
from briefing.session import reopen_snapshot, snapshot_frame
from briefing.snapshots import list_snapshots, load
from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE
from targets.places import town_progress
from targets.plans import plans
from targets.progress import progress
from tests.briefing import briefing_fixture as fx
from tests.briefing.briefing_read import docx_paragraphs, sheet, slides_text

REGION = "kaili-2024-2025"


def lagging(db: Path, day: object) -> set[str]:
    towns = town_progress("kaili-2024", day, region=EVERYWHERE, db=db)  # type: ignore[arg-type]
    return set(towns.filter(pl.col("status").is_in(["behind", "lagging"]))["town"].to_list())


def test_second_briefing_shows_what_moved(
    briefing_db: Path, snapshots: Path, tmp_path: Path
) -> None:
    first = make_briefing(
        fx.FIRST, tmp_path / "first", scope=EVERYWHERE, db=briefing_db, region="凯里市"
    )
    assert first.changes is None and first.snapshot is not None
    second = make_briefing(
        fx.SECOND, tmp_path / "second", scope=EVERYWHERE, db=briefing_db, region=REGION
    )
    assert second.changes is not None and second.changes.previous_as_of == fx.FIRST
    ch = second.changes.of(REGION)
    assert ch is not None

    a = progress(fx.FIRST, region=EVERYWHERE, db=briefing_db, programme="kaili-2024").row(
        0, named=True
    )
    b = progress(fx.SECOND, region=EVERYWHERE, db=briefing_db, programme="kaili-2024").row(
        0, named=True
    )
    assert ch.head.actual == b["actual"] - a["actual"] == 6
    assert ch.head.completion == pytest.approx(b["completion"] - a["completion"])
    before, now = lagging(briefing_db, fx.FIRST), lagging(briefing_db, fx.SECOND)
    assert set(ch.joined) == now - before == {"万潮镇"}
    assert set(ch.left) == before - now == {"西门街道", "三棵树镇"}
    assert (ch.lagging_before, ch.lagging_now) == (3, 2)
    assert ch.failing_joined == ch.failing_left == ()  # the same institutions fail

    points = f"{(b['completion'] - a['completion']) * 100:.1f}"
    text = docx_paragraphs(second.docx)
    said = next(p for p in text if p.startswith("与上次通报"))
    assert said.startswith(
        f"与上次通报（截至2025年3月31日）相比，新增6人次，完成率提高{points}个百分点"
    )
    assert "由3个变为2个，新增万潮镇" in said and "西门街道、三棵树镇已赶上序时进度" in said
    slides = "\n".join(t for s in slides_text(second.pptx) for t in s)
    assert "与上次会议相比" in slides and "新增落后：万潮镇" in slides
    moved = sheet(second.xlsx, "较上次变化")
    head = next(r for r in moved.iter_rows() if r[0] == "职业技能培训")
    assert float(head[1]) == 6 and float(head[2]) == float(points)
    assert not any(p.startswith("与上次通报") for p in docx_paragraphs(first.docx))


def test_snapshots_listed_replaced_and_reopened(
    briefing_db: Path, snapshots: Path, tmp_path: Path
) -> None:
    make_briefing(fx.FIRST, tmp_path / "a", scope=EVERYWHERE, db=briefing_db, region=REGION)
    make_briefing(fx.SECOND, tmp_path / "b", scope=EVERYWHERE, db=briefing_db, region=REGION)
    again = make_briefing(
        fx.SECOND, tmp_path / "c", scope=EVERYWHERE, db=briefing_db, region=REGION, office="测试局"
    )
    assert again.changes is not None and again.changes.previous_as_of == fx.FIRST
    items = list_snapshots(snapshots)
    assert [s.as_of for s in items] == [fx.SECOND, fx.FIRST]  # one per date, latest first
    assert items[0].office == "测试局" and items[0].places == ("凯里市",)
    assert load(items[0].path) == again.briefing  # the snapshot re-opens as the same figures
    frame = snapshot_frame(items, "全部地区")
    assert frame["scope"].to_list() == ["凯里市", "凯里市"]

    made = reopen_snapshot(items[1].path, snapshots, lambda share, what: None)
    assert made.changes is None  # nothing before the first meeting
    assert [f.name.rsplit(".", 1)[1] for f in made.files] == ["docx", "pptx", "xlsx"]
    assert made.files[0].data[:2] == b"PK"
    opening = made.opening()[0]
    assert opening.startswith("截至2025年3月31日，全市累计开展职业技能培训20人次")


def test_every_region_and_a_programme_keep_their_own_snapshots(
    briefing_db: Path, snapshots: Path, tmp_path: Path
) -> None:
    every = make_briefing(fx.SECOND, tmp_path / "all", scope=EVERYWHERE, db=briefing_db)
    every_plan = plans(load_catalogue())  # the five documents, and any county added since
    assert len(every.briefing.plans) == len(every_plan) and every.briefing.region is None
    assert every.briefing.office == "职业技能培训工作联席会议办公室"
    one = make_briefing(
        fx.SECOND,
        tmp_path / "one",
        scope=EVERYWHERE,
        db=briefing_db,
        programme="kaili-2024/guizhou-technician",
    )
    assert one.briefing.region == REGION and one.changes is None
    assert one.briefing.plans[0].head.name == "贵州技工"
    assert len(list_snapshots(snapshots)) == 2
    text = docx_paragraphs(every.docx)
    numerals = "一二三四五六七八九十"
    places = [p.place for p in every.briefing.plans]  # sections in the plans' order
    assert places[0] == "东宁市" and "一、东宁市" in text
    assert f"{numerals[places.index('运城市')]}、运城市" in text
