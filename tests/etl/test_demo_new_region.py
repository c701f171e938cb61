"""A county's quota file added as catalogue/documents/README.md says: the demo still builds, with
the county's records in it (its flavour from catalogue/demo/, or the generic fallback)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from catalogue.loader import CATALOGUE_DIR, load_catalogue
from demo.build import build_demo
from demo.flavour import FLAVOUR_DIR, GENERIC_TOWNS

TODAY = date(2026, 11, 22)
COUNTY = """
[document]
file = "mudan-2026.txt"
title = "牡丹县职业技能提升行动实施方案（2026年）"
issued_by = "牡丹县人民政府"
number = "牡政发〔2026〕1号"
date = 2026-01-10

[defaults]
period = { start = 2026-01-01, end = 2026-12-31 }
region = { province = "山东省", city = "菏泽市", county = "牡丹县" }
unit = "人次"
measure = "trained"

[[quota]]
id = "mudan-2026"
name = "牡丹县职业技能提升行动"
name_en = "Mudan skills upgrading"
aliases = ["牡丹县补贴性职业技能培训"]
target = 3000
clause = "二、目标任务"
quote = "全年开展补贴性职业技能培训3000人次。"

[[quota]]
id = "mudan-2026/peony"
name = "牡丹种植技能培训"
name_en = "Peony growing"
aliases = ["牡丹种植培训"]
target = 600
clause = "二、目标任务"
quote = "其中牡丹种植技能培训600人次。"
"""


@pytest.fixture
def with_county(tmp_path: Path) -> Path:
    """The real catalogue plus the county's file, in a temporary directory."""
    documents = tmp_path / "documents"
    shutil.copytree(CATALOGUE_DIR, documents)
    (documents / "mudan-2026.toml").write_text(COUNTY, encoding="utf-8")
    return documents


def _county_rows(db: Path) -> list[tuple[str, str, str | None, int]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "select programme_id, county, town, count(*)::integer from records "
            "where programme_id like 'mudan-%' group by all order by all"
        ).fetchall()


def test_a_new_county_builds_a_small_demo_with_the_generic_flavour(with_county: Path) -> None:
    assert not (FLAVOUR_DIR / "mudan.toml").exists()
    catalogue = load_catalogue(with_county, with_county / "no-local.toml")
    db = with_county.parent / "data" / "warehouse.duckdb"
    db.parent.mkdir()
    results = build_demo(db, rows=3000, seed=1, today=TODAY, verbose=False, catalogue=catalogue)
    mine = next(r for r in results if r.file.endswith("mudan.csv"))
    assert mine.loaded > 0 and mine.rejected == mine.reasons.get("id_checksum", 0) == 0
    rows = _county_rows(db)
    assert {r[0] for r in rows} == {"mudan-2026", "mudan-2026/peony"}
    assert {r[1] for r in rows} == {"牡丹县"}
    generic = {item.split(":")[0] for item in GENERIC_TOWNS.split()}
    assert {r[2] for r in rows} <= generic and len({r[2] for r in rows}) > 1
    # the five regions are all still there
    with duckdb.connect(str(db), read_only=True) as con:
        prefixes = {
            p
            for (p,) in con.execute(
                "select distinct split_part(programme_id, '-', 1) from records"
            ).fetchall()
        }
    assert prefixes == {"kaili", "zhejiang", "dongning", "yuncheng", "linshu", "mudan"}


def test_a_flavour_file_gives_the_county_its_own_towns_and_institutions(
    with_county: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from demo import flavour

    flavours = with_county.parent / "demo"
    shutil.copytree(FLAVOUR_DIR, flavours)  # the five regions' own files, and the county's:
    (flavours / "mudan.toml").write_text(
        'towns = "牡丹街道:50 吕陵镇:30"\nid_prefix = 371702\n'
        'institutions = ["牡丹县鲁西南职业培训学校"]\nclass_code = "MD"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(flavour, "FLAVOUR_DIR", flavours)
    flavour.flavour.cache_clear()
    catalogue = load_catalogue(with_county, with_county / "no-local.toml")
    db = with_county.parent / "warehouse.duckdb"
    try:
        build_demo(db, rows=2000, seed=2, today=TODAY, verbose=False, catalogue=catalogue)
    finally:
        flavour.flavour.cache_clear()
    rows = _county_rows(db)
    assert {r[2] for r in rows} == {"牡丹街道", "吕陵镇"}
    with duckdb.connect(str(db), read_only=True) as con:
        (insts, ids, classes) = con.execute(
            "select list(distinct institution), bool_and(id_number like '371702%'), "
            "bool_and(class_id like 'MD%') from records where programme_id like 'mudan-%'"
        ).fetchone() or ((), False, False)
    assert set(insts) == {"牡丹县鲁西南职业培训学校"} and ids and classes
