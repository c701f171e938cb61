"""The strings of sign-in, roles and the audit log, Chinese first (merged into ui.i18n.STRINGS)."""

from __future__ import annotations

ACCESS_STRINGS: dict[str, tuple[str, str]] = {
    "page_audit": ("审计日志", "Audit log"),
    "signin_title": ("技能培训目标进度 · 登录", "Skills training targets · Sign in"),
    "signin_caption": (
        "本系统含学员实名信息，请使用本人账户登录；所有操作均记入审计日志。",
        "This system holds trainees' personal data: sign in with your own account. Every "
        "action is recorded in the audit log.",
    ),
    "signin_name": ("用户名", "User name"),
    "signin_password": ("密码", "Password"),
    "signin_button": ("登录", "Sign in"),
    "signin_failed": ("用户名或密码不正确。", "Wrong user name or password."),
    "signin_locked": (
        "连续 5 次登录失败，该账户已锁定至 {until}（UTC），请 15 分钟后再试或联系管理员。",
        "5 failed sign-ins: this account is locked until {until} UTC. Try again in 15 "
        "minutes or ask an administrator.",
    ),
    "signin_ended": (
        "会话已结束（登录满 8 小时或账户已变更），请重新登录。",
        "Your session has ended (8 hours since sign-in, or the account changed). Sign in again.",
    ),
    "signin_sso": ("单点登录", "Single sign-on"),
    "signin_sso_unknown": (
        "单点登录身份 {who} 没有对应的账户，"
        "请联系管理员添加（python -m access add-user … --sso）。",
        "No account is mapped to the single sign-on identity {who}: ask an administrator.",
    ),
    "demo_title": ("演示账户", "Demo accounts"),
    "demo_note": (
        "当前是演示数据仓库（合成数据），可用以下账户登录，密码均为 `{password}`。"
        "导入真实台账后演示账户即被删除。",
        "This is the demo warehouse (synthetic data). Sign in with one of these accounts; "
        "the password of each is `{password}`. They are removed once real files are loaded.",
    ),
    "col_account": ("账户", "Account"),
    "col_role": ("角色", "Role"),
    "col_scope": ("范围", "Scope"),
    "signed_in_as": ("{name} · {role} · {scope}", "{name} · {role} · {scope}"),
    "sign_out": ("退出登录", "Sign out"),
    "no_load_right": (
        "你的角色（{role}）不能导入文件；经办人员和管理员可以。",
        "Your role ({role}) cannot load files; officers and administrators can.",
    ),
    "load_scope_note": (
        "导入的记录限于你的范围（{scope}）：其他地区的行会被拒绝（region_conflict）。",
        "Loads are limited to your scope ({scope}): rows of other regions are rejected "
        "(region_conflict).",
    ),
    "no_download_right": (
        "你的角色（{role}）不能查看或下载明细记录。",
        "Your role ({role}) cannot view or download record-level files.",
    ),
    "no_brief_right": (
        "你的角色（{role}）不能生成简报；经办人员和管理员可以。",
        "Your role ({role}) cannot make briefings; officers and administrators can.",
    ),
    "scope_note": ("数据范围：{scope}", "Data scope: {scope}"),
    "audit_title": ("审计日志", "Audit log"),
    "audit_caption": (
        "登录、退出、查看明细、导入、下载、简报和账户变更，只增不改（{path}）。",
        "Sign-ins, sign-outs, record-level views, loads, downloads, briefings and account "
        "changes; append-only ({path}).",
    ),
    "audit_admin_only": ("只有管理员可以查看审计日志。", "Only administrators see the audit log."),
    "audit_since": ("起始日期", "From"),
    "audit_user": ("用户", "User"),
    "audit_action": ("操作", "Action"),
    "audit_all": ("全部", "All"),
    "audit_count": ("共 {n} 条", "{n} entries"),
    "col_at": ("时间（UTC）", "Time (UTC)"),
    "col_user": ("用户", "User"),
    "col_action": ("操作", "Action"),
    "col_what": ("对象", "What"),
    "col_rows_n": ("行数", "Rows"),
    "col_detail": ("详情", "Detail"),
}
