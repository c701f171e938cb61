"""Errors of the access package.

    AccessError             base: the CLI and the UI catch only this and show its message
    ├── AccountError        an account cannot be added or changed (name, what to do)
    ├── SignInFailed        wrong name or password: never says which
    ├── AccountLocked       5 failed sign-ins: locked until a time
    ├── NotAllowed          the user's role does not have the right (user, right)
    └── StateUnavailable    the SQLite file of accounts and the audit log cannot be used (path)

A scope naming no region raises the catalogue's UnknownRegion (catalogue.exceptions).
Every message is Chinese first, English after a " / ", and says what to do next.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path


class AccessError(Exception):
    """Base of every error the access package raises on purpose."""


class AccountError(AccessError):
    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message
        super().__init__(f"{name}：{message}")


class SignInFailed(AccessError):
    def __init__(self) -> None:
        super().__init__("用户名或密码不正确 / wrong user name or password")


class AccountLocked(AccessError):
    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(
            f"连续 5 次登录失败，账户已锁定至 {until:%H:%M}（15 分钟）/ "
            f"5 failed sign-ins: locked until {until:%H:%M} UTC"
        )


class NotAllowed(AccessError):
    def __init__(self, user: str, right: str) -> None:
        self.user = user
        self.right = right
        super().__init__(f"{user} 的角色无权{_RIGHT_ZH.get(right, right)} / not allowed: {right}")


class StateUnavailable(AccessError):
    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(
            f"无法使用账户与审计日志文件 {path}：{detail}。请检查文件权限或从备份恢复 / "
            f"cannot use the accounts and audit file {path}: {detail}"
        )


_RIGHT_ZH = {
    "read": "查看",
    "download": "下载明细",
    "load": "导入文件",
    "brief": "生成简报",
    "admin": "管理账户和审计日志",
}
