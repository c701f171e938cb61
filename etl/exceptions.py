"""Errors of the ETL package.

    EtlError                    base: the CLI and the UI catch only this and show its message
    ├── SourceError             a file that cannot be loaded (it loads nothing)
    │   ├── UnreadableFile      missing, unknown format, or neither UTF-8 nor GB18030 text
    │   └── HeaderNotFound      no row carries every required column
    ├── UnknownRegion           a --region the catalogue knows no place for
    └── ExportError             the export's target directory cannot be written

The warehouse's own errors (warehouse.exceptions.WarehouseError, LoadNotDurable) are not
EtlErrors: the warehouse sits below the ETL. The CLI and the UI catch both bases.

Every error carries structured fields and a message that says what to do next.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from etl.privacy import mask_text


class EtlError(Exception):
    """Base of every error the ETL raises on purpose."""


class SourceError(EtlError):
    """A file that cannot be loaded; nothing from it is loaded."""

    def __init__(self, file: Path | str, message: str, *, en: str | None = None) -> None:
        self.file = str(file)  # as the user named it: never a temporary copy's path
        # Chinese, without the file name; any ID or phone number in it masked (etl.privacy)
        self.detail = mask_text(message) or ""
        self.detail_en = mask_text(en) or self.detail  # for the dashboard's English toggle
        super().__init__(f"{self.file}：{self.detail}")


class UnreadableFile(SourceError):
    """The file is missing, of an unknown format, or not decodable."""


class HeaderNotFound(SourceError):
    """No row of the file carries every required column."""

    def __init__(
        self, file: Path | str, headers_found: list[str], expected: Mapping[str, tuple[str, ...]]
    ) -> None:
        self.headers_found = headers_found
        self.expected = expected
        wanted = "；".join(" / ".join(a) for a in expected.values())
        found = "、".join(h for h in headers_found if h) or "（无）"
        found_en = ", ".join(h for h in headers_found if h) or "(none)"
        wanted_en = "; ".join(f"{field}: {' / '.join(a)}" for field, a in expected.items())
        super().__init__(
            file,
            f"找不到包含全部必填列的表头行。找到的表头：{found}。缺少的列（可用的表头写法）："
            f"{wanted}。请修改表头或补上缺少的列后再导入。",
            en=f"no header row with every required column. Headers found: {found_en}. "
            f"Missing, with the headers accepted for each: {wanted_en}. "
            "Rename the header cells or add the missing columns, then load again.",
        )


class UnknownRegion(EtlError):
    """A batch's region (`--region`, the Data page's choice) that no catalogue document names."""

    def __init__(self, region: str, known: list[str]) -> None:
        self.region = region
        self.known = known
        super().__init__(
            f"目标目录中没有地区“{region}”；可选：{'、'.join(known)}。"
            f" (no catalogue document covers region {region!r})"
        )


class ExportError(EtlError):
    """The export's target cannot be written (it exists and is not empty); nothing was written."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")
