"""The dashboard's pages in one list, which the navigation, its icons and titles and the tests read.

A page is a script in app_pages/ (Streamlit's multipage navigation) named by its key, which is
also its URL path. Adding a page is adding a record here and its script.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str  # the URL path and the script's name
    module: str  # the script st.navigation runs
    icon: str  # a Material Symbol, as Streamlit writes it
    title: tuple[str, str]  # Chinese, English
    admin: bool = False  # for administrators only (the navigation lists it only for them)

    def label(self, lang: str) -> str:
        return self.title[1] if lang == "en" else self.title[0]


def _page(key: str, icon: str, zh: str, en: str, admin: bool = False) -> Page:
    return Page(key, f"app_pages/{key}.py", f":material/{icon}:", (zh, en), admin)


PAGES: tuple[Page, ...] = (
    _page("overview", "dashboard", "总览", "Overview"),
    _page("programmes", "stacked_line_chart", "项目进度", "Programmes"),
    _page("towns", "location_city", "镇街", "Towns"),
    _page("institutions", "school", "培训机构", "Institutions"),
    _page("subsidy", "fact_check", "补贴审核", "Subsidy audit"),
    _page("data", "database", "数据", "Data"),
    _page("briefing", "article", "会议简报", "Briefing"),
    _page("audit", "policy", "审计日志", "Audit log", admin=True),
)
DEFAULT_PAGE = PAGES[0].key
PAGE_FILES: dict[str, str] = {p.key: p.module for p in PAGES}
ADMIN_PAGES = frozenset(p.key for p in PAGES if p.admin)
