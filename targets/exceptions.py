"""Errors of the read side (the progress engine and the queries over the warehouse).

    catalogue.exceptions.TargetsError   base: the CLIs and the UI catch only this
    ├── (the catalogue's errors: catalogue.exceptions)
    ├── WarehouseUnavailable     no warehouse at the path, or it cannot answer the progress queries
    └── NotMeasurable            a question the records cannot answer (towns of a manual quota)

Every error carries structured fields and a message that says what to fix.
"""

from __future__ import annotations

from pathlib import Path

from catalogue.exceptions import TargetsError

__all__ = ["NotMeasurable", "TargetsError", "WarehouseUnavailable"]


class WarehouseUnavailable(TargetsError):
    """The warehouse is missing, cannot be opened read-only, or lacks what the marts read."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class NotAudited(WarehouseUnavailable):
    """Records that no load has judged yet (a warehouse made before the subsidy audit): the
    next load judges them."""


class NotMeasurable(TargetsError):
    """A quota the records cannot measure was asked for by place (a manual quota)."""

    def __init__(self, quota_id: str, message: str) -> None:
        self.quota_id = quota_id
        super().__init__(f"quota {quota_id!r}: {message}")
