"""`python -m access`: manage accounts and read the audit log (Chinese first).

    python -m access add-user NAME --role officer --scope 临沭县 [--sso EMAIL]
    python -m access list
    python -m access disable NAME
    python -m access reset-password NAME
    python -m access audit [--since 2026-12-01] [--user NAME] [--json]

A password is asked twice without echo (getpass), so it is never in the shell's history; a
script pipes it on stdin instead (one line). `--state PATH` or $SKILLTRACK_STATE names the
SQLite file, else it is skilltrack.sqlite beside the warehouse ($SKILLTRACK_DB or data/).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from access import accounts, audit
from access.exceptions import AccessError, AccountError
from access.store import state_path
from catalogue.exceptions import UnknownRegion
from catalogue.region_scope import resolve

OPERATOR = "命令行"  # who the log names for a change made from the command line


def ask_password(name: str) -> str:
    """Twice, without echo, on a terminal; one line of stdin otherwise."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"{name} 的新密码 / new password: ")
    second = getpass.getpass("再输入一次 / again: ")
    if first != second:
        raise AccountError(name, "两次输入的密码不一致 / the passwords differ")
    return first


def _add(args: argparse.Namespace, state: Path) -> int:
    scope = resolve(args.scope)
    password = None if args.sso and args.no_password else ask_password(args.name)
    user = accounts.add_user(
        state, args.name, args.role, scope, password, by=OPERATOR, sso_subject=args.sso
    )
    print(f"已添加 {user.name}（{user.role}，{user.scope.label}）/ added")
    return 0


def _list(args: argparse.Namespace, state: Path) -> int:
    rows = accounts.users(state)
    if args.json:
        out = [
            {
                "name": u.name,
                "role": u.role,
                "scope": u.scope.label,
                "scope_path": u.scope.path,
                "disabled": u.disabled,
                "demo": u.demo,
                "sso": u.sso_subject,
            }
            for u in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("还没有账户 / no accounts yet")
    for u in rows:
        flags = "（已停用 disabled）" if u.disabled else ""
        role = accounts.ROLE_NAMES[u.role][0]
        print(f"{u.name}\t{role} {u.role}\t{u.scope.label}{flags}")
    return 0


def _disable(args: argparse.Namespace, state: Path) -> int:
    accounts.disable(state, args.name, by=OPERATOR)
    print(f"已停用 {args.name} / disabled")
    return 0


def _reset(args: argparse.Namespace, state: Path) -> int:
    accounts.reset_password(state, args.name, ask_password(args.name), by=OPERATOR)
    print(f"已重设 {args.name} 的密码 / password reset")
    return 0


def _audit(args: argparse.Namespace, state: Path) -> int:
    rows = audit.entries(state, since=args.since, user=args.user)
    if args.json:
        print(json.dumps([audit.as_json(e) for e in rows], ensure_ascii=False, indent=2))
        return 0
    for e in reversed(rows):
        count = "" if e.rows is None else f"\t{e.rows} 行"
        print(f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.user or '—'}\t{e.action}\t{e.what}\t{e.scope}{count}")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 2026-12-01 / not a date: {text}") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m access", description="账户与审计日志 / accounts")
    p.add_argument("--state", type=Path, help="账户与审计日志文件 / the SQLite file")
    sub = p.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add-user", help="添加账户 / add an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=accounts.ROLES)
    add.add_argument("--scope", required=True, help="地区：浙江省、临沭县、凯里市·舟溪镇、全部")
    add.add_argument("--sso", help="单点登录的邮箱或标识 / the identity provider's e-mail")
    add.add_argument("--no-password", action="store_true", help="只用单点登录 / SSO only")
    add.set_defaults(run=_add)
    ls = sub.add_parser("list", help="列出账户 / list accounts")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(run=_list)
    dis = sub.add_parser("disable", help="停用账户 / disable an account")
    dis.add_argument("name")
    dis.set_defaults(run=_disable)
    reset = sub.add_parser("reset-password", help="重设密码 / reset a password")
    reset.add_argument("name")
    reset.set_defaults(run=_reset)
    log = sub.add_parser("audit", help="审计日志 / the audit log")
    log.add_argument("--since", type=_day, help="起始日期 / from this day (UTC)")
    log.add_argument("--user", help="只看此用户 / this user only")
    log.add_argument("--json", action="store_true")
    log.set_defaults(run=_audit)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    state = args.state or state_path()
    try:
        code: int = args.run(args, state)
    except (AccessError, UnknownRegion) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    return code
