"""The Data page under hostile uploads: bombs refused with a message, the page keeps working, no
Markdown from a file's name or cells, no server path, no unmasked ID or phone."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.pages import dashboard_fixture as fx
from tests.pages.apptest_helpers import leaked_numbers
from ui.plain import plain

OpenPage = Callable[..., AppTest]
CASES = Path(__file__).resolve().parents[1] / "cases"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LINK_NAME = "[请点此核对名单](http://evil.example/list)"
IMAGE = "![x](http://evil.example/pixel.png)"
FILE_NAME = "[请点此](http:evil.example).csv"  # a browser sends no slash in a file's name
# Markdown that would render: a link or an image whose brackets are not escaped
MARKUP = re.compile(r"(?<!\\)\]\((?:http|//)|(?<!\\)!(?<!\\)\[")


def texts(at: AppTest) -> list[str]:
    """Every text element's Markdown source: headers, captions, messages, markdown."""
    kinds = ["markdown", "caption", "error", "info", "success", "warning", "header", "subheader"]
    links = [str(p.proto.label) for p in at.get("page_link")]  # the Overview's attention links
    return [str(e.value) for kind in kinds for e in at.get(kind)] + links


def shown(markdown: str) -> str:
    """The text a reader sees: backslash escapes resolved."""
    return re.sub(r"\\(.)", r"\1", markdown)


def hostile_ledger(path: Path) -> Path:
    """The fixture's rows with a Markdown institution name and IDs and phones under any header."""
    rows = fx.rows()
    for r in rows:
        r[fx.HEADERS.index("培训机构")] = LINK_NAME if int(r[0]) % 2 else IMAGE
    fx.write_ledger(path, rows)
    text = path.read_text(encoding="utf-8-sig").splitlines()
    text[0] += ",联系方式,身份证号"
    text[1:] = [f"{line},电话 13987654321,522601199001011234" for line in text[1:]]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


def test_bombs_are_refused_and_the_page_goes_on(
    open_page: OpenPage, fixture_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(fixture_db, db)
    good = hostile_ledger(tmp_path / "good.csv")
    at = open_page("data", db=db)
    at.file_uploader(key="uploads").set_value(
        [
            ("corner-bomb.xlsx", (CASES / "corner-bomb.xlsx").read_bytes(), XLSX),
            ("strings-bomb.xlsx", (CASES / "strings-bomb.xlsx").read_bytes(), XLSX),
            ("renamed-text.xlsx", (CASES / "renamed-text.xlsx").read_bytes(), XLSX),
            (FILE_NAME, good.read_bytes(), "text/csv"),
        ]
    ).run()
    at.button(key="load_button").click().run(timeout=300)
    assert not at.exception, [e.message for e in at.exception]
    errors = [shown(e.value) for e in at.error]
    assert len(errors) == 3
    assert "corner-bomb.xlsx" in errors[0] and "超出上限" in errors[0]
    assert "strings-bomb.xlsx" in errors[1] and "解压后超过" in errors[1]
    assert "renamed-text.xlsx" in errors[2] and "不是可读取的" in errors[2]
    assert all("calamine" not in e.lower() and "Traceback" not in e for e in errors)
    [ok] = at.success
    assert "已导入" in ok.value
    every = texts(at)
    assert [t for t in every if MARKUP.search(t)] == []
    assert any(plain(FILE_NAME) in t for t in every)  # the name, shown as text
    assert [t for t in every if str(tmp_path) in t or "/tmp" in t] == []  # no server path
    assert leaked_numbers(at) == []
    # the page still answers, and every page reads the new warehouse without Markdown from cells
    for page in ("overview", "institutions", "towns", "programmes", "data"):
        again = open_page(page, db=db)
        assert [t for t in texts(again) if MARKUP.search(t)] == [], page
        assert leaked_numbers(again) == [], page


def test_plain_text_has_no_markup_left() -> None:
    for text in (LINK_NAME, IMAGE, "<img src=x onerror=alert(1)>", ":red[警告] $x^2$ **粗**"):
        escaped = plain(text)
        assert MARKUP.search(escaped) is None
        assert shown(escaped) == text  # reads as typed


def test_chart_labels_carry_no_plotly_markup() -> None:
    import polars as pl

    from ui.charts.institutions import breakdown_chart

    name = '<a href="http://evil.example">点此</a>'
    frame = pl.DataFrame(
        {"value": [name], "actual": [3], "certificate_rate": [0.9], "employment_rate": [0.5]}
    )
    fig = breakdown_chart(frame, unit="人次", lang="zh")
    labels = [str(v) for trace in fig.data for v in (trace.y or ())]
    assert labels and all("<a" not in v for v in labels) and any("&lt;a href" in v for v in labels)
