"""Errors of the warehouse file.

    WarehouseError          base: the warehouse cannot be opened, written or verified
    └── LoadNotDurable      a commit returned but the rows are not there: nothing was kept

The ETL, the read side and the UI catch WarehouseError beside their own bases.
"""

from __future__ import annotations

from pathlib import Path


class WarehouseError(Exception):
    """The warehouse cannot be opened, written or verified."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


class LoadNotDurable(WarehouseError):
    """COMMIT returned but the rows did not land; the warehouse was left as it was."""
