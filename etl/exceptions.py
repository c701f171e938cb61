"""Errors of the ETL package.

    EtlError                    base: the CLI and the UI catch only this and show its message
    ├── SourceError             a file that cannot be loaded (it loads nothing)
    │   ├── UnreadableFile      missing, unknown format, or neither UTF-8 nor GB18030 text
    │   └── HeaderNotFound      no row carries every required column
    └── ExportError             the export's target directory cannot be written

The warehouse's own errors (warehouse.exceptions.WarehouseError, LoadNotDurable) are not
EtlErrors: the warehouse sits below the ETL. The CLI and the UI catch both bases.

Every error carries structured fields and a message that says what to do next.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


class EtlError(Exception):
    """Base of every error the ETL raises on purpose."""


class SourceError(EtlError):
    """A file that cannot be loaded; nothing from it is loaded."""

    def __init__(self, file: Path | str, message: str) -> None:
        self.file = str(file)
        super().__init__(f"{self.file}: {message}")


class UnreadableFile(SourceError):
    """The file is missing, of an unknown format, or not decodable."""


class HeaderNotFound(SourceError):
    """No row of the file carries every required column."""

    def __init__(
        self, file: Path | str, headers_found: list[str], expected: Mapping[str, tuple[str, ...]]
    ) -> None:
        self.headers_found = headers_found
        self.expected = expected
        wanted = "; ".join(f"{field}: {' / '.join(a)}" for field, a in expected.items())
        found = ", ".join(h for h in headers_found if h) or "(none)"
        super().__init__(
            file,
            f"no header row with every required column. Headers found: {found}. "
            f"Missing, with the headers accepted for each: {wanted}. "
            "Rename the header cells or add the missing columns, then load again.",
        )


class ExportError(EtlError):
    """The export's target cannot be written (it exists and is not empty); nothing was written."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")
