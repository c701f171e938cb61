"""Sign-in, roles and scopes on the pages (AppTest): an anonymous visitor sees only the sign-in
page; a wrong password says so without telling whether the name exists; five failures lock; a
town's viewer sees only their town on every page, through links too, and gets no record-level
file; the audit log page is for administrators and lists what happened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access import audit
from access.accounts import User
from catalogue.region_scope import resolve
from dashboard.upload import load_uploads
from etl.load import load_files
from tests.pages import dashboard_fixture as fx
from tests.pages.apptest_helpers import frames
from tests.pages.signin_helpers import PASSWORD
from tests.pages.signin_helpers import sign_in as make_account

OpenPage = Callable[..., AppTest]
PAGES = (
    "overview",
    "programmes",
    "towns",
    "institutions",
    "subsidy",
    "data",
    "briefing",
    "audit",
)
TOWN_VIEWER = ("town-viewer", "viewer", "凯里市·万潮镇")


def shown(at: AppTest) -> str:
    """Every word of the run: text elements, tables, charts, widget options and labels."""
    parts = [str(v) for df in frames(at) for v in df.astype(str).to_numpy().ravel()]
    parts += [str(c) for df in frames(at) for c in df.columns]
    for kind in ("markdown", "caption", "text", "header", "subheader", "title", "info"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [str(e.proto) for e in at.get("plotly_chart")]
    parts += [str(e.proto) for e in at.get("selectbox")]
    parts += [str(e.proto) for e in at.get("error")]
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
def test_an_anonymous_visitor_sees_only_the_sign_in_page(open_page: OpenPage, page: str) -> None:
    at = open_page(page, as_user=None)
    assert at.header[0].value == "技能培训目标进度 · 登录"
    assert at.text_input(key="signin_name") and at.text_input(key="signin_password")
    assert frames(at) == [] and not at.get("plotly_chart") and not at.sidebar.get("selectbox")
    assert "凯里" not in shown(at) and "万潮镇" not in shown(at)


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(password)
    return at.button(key="signin").click().run()


def test_signing_in_and_a_wrong_password(open_page: OpenPage, state_file: Path) -> None:
    make_account(state_file, "ann", "leader", "")
    at = open_page(as_user=None)
    wrong = sign_in(at, "ann", "not-her-password").error[0].value
    unknown = sign_in(at, "nobody", PASSWORD).error[0].value
    assert wrong == unknown == "用户名或密码不正确。"
    at = sign_in(at, "ann", PASSWORD)
    assert not at.exception and at.header[0].value != "技能培训目标进度 · 登录"
    assert any("ann · 领导" in c.value for c in at.sidebar.caption)
    at = at.button(key="sign_out").click().run()
    assert at.header[0].value == "技能培训目标进度 · 登录"
    actions = [e.action for e in reversed(audit.entries(state_file)) if e.action != "account_add"]
    assert actions == ["sign_in_failed", "sign_in_failed", "sign_in", "sign_out"]


def test_five_failed_sign_ins_lock_the_account(open_page: OpenPage, state_file: Path) -> None:
    make_account(state_file, "ann", "leader", "")
    at = open_page(as_user=None)
    for _ in range(4):
        assert sign_in(at, "ann", "wrong-password").error[0].value == "用户名或密码不正确。"
    assert "已锁定" in sign_in(at, "ann", "wrong-password").error[0].value
    assert "已锁定" in sign_in(at, "ann", PASSWORD).error[0].value  # even the right one
    assert at.header[0].value == "技能培训目标进度 · 登录"


@pytest.mark.parametrize("page", PAGES)
def test_a_town_viewer_sees_only_their_town(open_page: OpenPage, page: str) -> None:
    at = open_page(page, as_user=TOWN_VIEWER, plan="kaili-2024-2025")
    text = shown(at)
    # other towns, counties, regions and institutions (the 80% / 30% rule may name 运城市)
    others = ("西门街道", "盐湖区", "运城测试职业学校", "临沭", "浙江", "黔东南测试技工学校")
    for elsewhere in others:
        assert elsewhere not in text, (page, elsewhere)
    assert not at.get("download_button"), page  # no record-level file, no briefing to make
    if page == "audit":  # not in a viewer's navigation: the default page opens instead
        assert all(h.value != "审计日志" for h in at.header) and "sign_in" not in text
    if page == "towns":
        assert "万潮镇" in text
    if page == "data":
        assert "不能查看或下载明细记录" in text and "首要原因" not in text
    if page == "subsidy":  # the town's own audit, and no flagged list to download
        assert "凯里测试培训学校" in text and "不能查看或下载明细记录" in text


def test_a_link_to_another_region_shows_nothing_of_it(open_page: OpenPage) -> None:
    at = open_page("programmes", as_user=TOWN_VIEWER, as_of=date(2022, 12, 31))
    at.query_params["programme"] = "yuncheng-2018"
    at.run()
    assert "运城测试职业学校" not in shown(at) and "盐湖区" not in shown(at)


def test_the_sidebar_offers_only_the_users_plans(open_page: OpenPage) -> None:
    at = open_page(as_user=("linshu-leader", "leader", "临沭县"))
    [plan, _programme] = at.sidebar.selectbox
    assert [o for o in plan.options if o != "全部地区"] == ["临沭县 2019–2021"] or all(
        "临沭" in o for o in plan.options[1:]
    )


def test_the_audit_log_page_lists_the_actions(open_page: OpenPage, state_file: Path) -> None:
    at = open_page("data")
    [entry] = [e for e in audit.entries(state_file) if e.action == "view"]
    assert entry.user == "admin" and entry.rows == 1 and "kaili-fixture.csv" in entry.what
    at = open_page("audit")
    table = frames(at)[0]
    assert {"account_add", "view"} <= set(table["action"]) and "admin" in set(table["user"])


def test_a_county_officers_load_rejects_another_countys_rows(
    tmp_path: Path, state_file: Path
) -> None:
    db = tmp_path / "warehouse.duckdb"
    load_files([fx.write_ledger(tmp_path / "base.csv", fx.rows())], db, today=fx.TODAY)
    row = fx.rows()[0]
    linshu = [*row[:4], "职业技能提升行动", "临沭县", "", *row[7:]]
    linshu[2] = fx.id_number("371329", "19900101", 7)
    kaili = [*row[:4], "贵州技工", "凯里市", "万潮镇", *row[7:]]
    kaili[2] = fx.id_number("522601", "19900101", 8)
    ledger = fx.write_ledger(tmp_path / "临沭.csv", [linshu, kaili])

    class Upload:
        name = "临沭.csv"

        def getvalue(self) -> bytes:
            return ledger.read_bytes()

    officer = User("officer", "officer", resolve("临沭县"))
    report = load_uploads([Upload()], db, "zh", lambda *_: None, fx.TODAY, officer)
    [result] = report.results
    assert (result.loaded, result.reasons) == (1, {"region_conflict": 1})
    [entry] = audit.entries(state_file, action="load")
    assert entry.user == "officer" and entry.scope == "山东省·临沂市·临沭县"
