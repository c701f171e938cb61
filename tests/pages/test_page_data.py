"""数据: freshness, batches and the quarantine, masked; and loading an upload."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from access import audit
from access.accounts import User
from access.exceptions import NotAllowed
from catalogue.loader import load_catalogue
from catalogue.region_scope import EVERYWHERE, resolve
from dashboard.ledger import rejects_file_name
from dashboard.upload import ACCEPTED, accepted, load_uploads, reasons_frame, region_choices
from tests.pages import dashboard_fixture as fx
from tests.pages.apptest_helpers import frame_with, leaked_numbers

OpenPage = Callable[..., AppTest]


@dataclass
class FakeUpload:
    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


def test_freshness_batches_and_masked_rejects(open_page: OpenPage) -> None:
    at = open_page("data")
    fresh = frame_with(at, "计划", "最新结业日期", "距今天数")
    kaili = fresh[fresh["计划"].str.startswith("凯里市")].iloc[0]
    assert str(kaili["最新结业日期"])[:10] == "2025-09-30"
    batches = frame_with(at, "文件", "导入", "被拒")
    assert batches.iloc[0]["导入"] == 10 and batches.iloc[0]["被拒"] == 1
    rejects = frame_with(at, "首要原因")
    assert rejects.iloc[0]["首要原因"] == "身份证号校验位错误"
    assert leaked_numbers(at) == []
    cells = " ".join(str(v) for v in rejects.to_numpy().ravel())
    assert fx.BAD_ID not in cells and fx.PHONE not in cells and "138****5678" in cells
    assert rejects.iloc[0]["工作表"] == "—"  # a CSV has no sheet: not "None"
    assert "None" not in cells


def test_a_version_5_warehouse_shows_the_same_freshness_and_batches(
    open_page: OpenPage, fixture_db: Path, tmp_path: Path
) -> None:
    """The Data page reads the loads' per-batch places (summary_batches, schema 6); a file made
    before them is migrated on first open and shows what a current one shows."""
    import duckdb

    from warehouse.store import outdated

    old = tmp_path / "old.duckdb"
    shutil.copyfile(fixture_db, old)
    con = duckdb.connect(str(old))
    con.execute("drop table summary_batches")
    con.execute("update schema_version set version = 5")
    con.close()
    assert outdated(old)
    at_old, at_new = open_page("data", db=old), open_page("data")
    assert not outdated(old)
    for headers in (("计划", "最新结业日期", "距今天数"), ("文件", "导入", "被拒")):
        assert frame_with(at_old, *headers).equals(frame_with(at_new, *headers))
    fresh = frame_with(at_old, "计划", "最新结业日期")
    assert str(fresh[fresh["计划"].str.startswith("凯里市")].iloc[0]["最新结业日期"])[:10] == (
        "2025-09-30"
    )


def test_rejected_rows_download_under_one_extension() -> None:
    assert rejects_file_name("凯里市2025年9月台账.xlsx") == "被拒记录-凯里市2025年9月台账.xlsx"
    assert rejects_file_name("东宁.CSV") == "被拒记录-东宁.xlsx"
    assert rejects_file_name("v1.2 台账.csv") == "被拒记录-v1.2 台账.xlsx"
    assert rejects_file_name("no-extension") == "被拒记录-no-extension.xlsx"


def test_an_upload_loads_into_the_warehouse_with_reasons_and_rejects(
    tmp_path: Path, state_file: Path
) -> None:
    db = tmp_path / "warehouse.duckdb"
    ledger = fx.write_ledger(tmp_path / "src.csv", fx.rows())
    steps: list[float] = []
    report = load_uploads(
        [FakeUpload("凯里.csv", ledger.read_bytes()), FakeUpload("坏.csv", b"\xff\xfe no header")],
        db,
        "zh",
        lambda share, _text: steps.append(share),
        date(2026, 11, 22),
        User("admin", "admin", EVERYWHERE),
    )
    [result] = report.results
    assert (result.file, result.loaded, result.rejected) == ("凯里.csv", 10, 1)
    assert "坏.csv" in report.failures[0][0] and "未导入" in report.failures[0][1]
    reasons = reasons_frame(result.reasons, "zh")
    assert reasons.row(0) == ("身份证号校验位错误", "id_checksum", 1)
    xlsx = pl.read_excel(io.BytesIO(report.rejects[result.batch_id]))
    assert xlsx.height == 1 and fx.BAD_ID not in " ".join(map(str, xlsx.row(0)))
    assert steps[-1] == 1.0 and steps == sorted(steps)
    failed, loaded = audit.entries(state_file, action="load")  # newest first
    assert (loaded.user, loaded.what, loaded.rows) == ("admin", "凯里.csv", 10)
    assert loaded.detail["batch"] == result.batch_id and len(loaded.detail["sha256"]) == 64
    assert failed.what == "坏.csv" and "error" in failed.detail
    shutil.rmtree(tmp_path / "src.csv", ignore_errors=True)


def test_the_data_page_works_without_a_warehouse(open_page: OpenPage, tmp_path: Path) -> None:
    at = open_page("data", db=tmp_path / "none.duckdb")
    assert at.button(key="load_button").disabled


def test_the_uploader_speaks_the_pages_language(open_page: OpenPage) -> None:
    at = open_page("data")
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert 'content:"选择文件"' in styles
    # every type the loader takes is named, the .xls and WPS exports included
    named = styles.split("每个文件不超过", 1)[1].split("}", 1)[0]
    assert all(kind.upper() in named.upper() for kind in ACCEPTED), named
    english = open_page("data", lang="en")
    assert "选择文件" not in " ".join(h.proto.body for h in english.get("html"))


def test_only_loadable_types_are_let_through() -> None:
    assert accepted("台账.XLSX") and accepted("a.b.csv") and accepted("x.parquet")
    assert not accepted("台账.txt") and not accepted("noextension") and not accepted("x.xlsx.zip")


def test_a_scoped_officer_loads_only_for_places_inside_the_scope(tmp_path: Path) -> None:
    cat = load_catalogue()
    county = User("officer", "officer", resolve("临沭县"))
    assert region_choices(cat, county.scope) == ["临沭县"]
    assert region_choices(cat, EVERYWHERE)[0] is None and "凯里市" in region_choices(
        cat, EVERYWHERE
    )
    with pytest.raises(NotAllowed):
        load_uploads([], tmp_path / "w.duckdb", "zh", lambda *_: None, date(2026, 1, 1), county,
                     "凯里市", catalogue=cat)  # fmt: skip
