"""The one list of pages (ui.pages): every record complete, every script listed, nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.view import PAGES as VIEW_PAGES
from ui.pages import DEFAULT_PAGE, PAGES

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_has_a_key_a_script_an_icon_and_both_titles() -> None:
    keys = [p.key for p in PAGES]
    assert len(set(keys)) == len(keys) and DEFAULT_PAGE == "overview"
    for p in PAGES:
        assert re.fullmatch(r"[a-z_]+", p.key)
        assert (ROOT / p.module).is_file() and Path(p.module).stem == p.key
        assert re.fullmatch(r":material/[a-z_]+:", p.icon)
        zh, en = p.title
        assert any("\u4e00" <= c <= "\u9fff" for c in zh), p.key
        assert en and en.isascii() and en[0].isupper(), p.key
        assert (p.label("zh"), p.label("en")) == (zh, en)
    assert len({p.icon for p in PAGES}) == len(PAGES)


def test_the_navigation_serves_every_script_of_app_pages_and_only_those() -> None:
    scripts = {f"app_pages/{f.name}" for f in (ROOT / "app_pages").glob("*.py")}
    assert {p.module for p in PAGES} == scripts
    assert {p.key: p.module for p in PAGES} == VIEW_PAGES
