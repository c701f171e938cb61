"""Every page in both languages and every plan: no exception, no untranslated chrome."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.view import PAGES
from tests.pages.apptest_helpers import leaked_numbers

OpenPage = Callable[..., AppTest]
MINE = ["overview", "programmes", "towns", "institutions", "data"]
PLANS = ["*", "kaili-2024-2025", "yuncheng-2018-2022", "zhejiang-jinlanling-2021-2023"]


@pytest.mark.parametrize("page", MINE)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_in_each_language(open_page: OpenPage, page: str, lang: str) -> None:
    assert page in PAGES
    at = open_page(page, lang=lang, plan="kaili-2024-2025")
    if lang == "en":
        headers = [h.value for h in at.header]
        assert headers and all(
            not any("\u4e00" <= c <= "\u9fff" for c in h.split(":")[0])
            for h in headers
            if page != "programmes"
        )


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("page", MINE)
def test_page_for_each_plan(open_page: OpenPage, page: str, plan: str) -> None:
    at = open_page(page, plan=plan)  # open_page asserts that no exception was raised
    assert leaked_numbers(at) == []
