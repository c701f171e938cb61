"""`python -m access`: accounts and the audit log from the command line, as a script runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.access.access_helpers import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def cli(state: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "access", "--state", str(state), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_accounts_from_the_command_line(state: Path) -> None:
    added = cli(state, "add-user", "ann", "--role", "officer", "--scope", "临沭", stdin=PASSWORD)
    assert added.returncode == 0 and "已添加 ann（officer，临沭县）" in added.stdout
    assert PASSWORD not in added.stdout + added.stderr
    cli(state, "add-user", "bo", "--role", "viewer", "--scope", "凯里市 舟溪镇", stdin=PASSWORD)
    listed = json.loads(cli(state, "list", "--json").stdout)
    assert [(u["name"], u["role"], u["scope"], u["disabled"]) for u in listed] == [
        ("ann", "officer", "临沭县", False),
        ("bo", "viewer", "凯里市·舟溪镇", False),
    ]
    assert cli(state, "disable", "bo").returncode == 0
    assert "已停用" in cli(state, "list").stdout
    reset = cli(state, "reset-password", "ann", stdin="another-password\n")
    assert reset.returncode == 0 and "已重设 ann 的密码" in reset.stdout
    log = json.loads(cli(state, "audit", "--json").stdout)
    assert [e["action"] for e in reversed(log)] == [
        "account_add",
        "account_add",
        "account_disable",
        "account_reset",
    ]
    assert all(e["user"] == "命令行" for e in log)
    assert json.loads(cli(state, "audit", "--json", "--user", "nobody").stdout) == []
    assert json.loads(cli(state, "audit", "--json", "--since", "2999-01-01").stdout) == []
    assert "account_reset\tann" in cli(state, "audit").stdout


def test_errors_are_chinese_first_and_exit_non_zero(state: Path) -> None:
    unknown = cli(state, "add-user", "ann", "--role", "viewer", "--scope", "北京市", stdin=PASSWORD)
    assert unknown.returncode == 1 and unknown.stderr.startswith("错误：找不到地区“北京市”")
    short = cli(state, "add-user", "ann", "--role", "viewer", "--scope", "全部", stdin="abc")
    assert short.returncode == 1 and "密码至少 8 个字符" in short.stderr
    missing = cli(state, "disable", "ghost")
    assert missing.returncode == 1 and "没有这个账户" in missing.stderr
