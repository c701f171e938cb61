"""Errors of the catalogue: quotas, local targets and town allocations as data.

    TargetsError                 base of every error about targets (quotas) and their progress:
    │                            the CLIs and the UI catch only this and show its message. It is
    │                            defined here, at the bottom, so that the read side's errors
    │                            (targets.exceptions) share it with the catalogue's.
    ├── CatalogueError           a catalogue file or local.toml is wrong (file, quota_id, field)
    │   ├── CatalogueSyntaxError the file is not valid TOML
    │   ├── InvalidField         a field is missing, unknown, of the wrong type or outside its set
    │   ├── DuplicateId          two quotas share an id
    │   ├── MissingParent        a child's parent is not defined in its file or an earlier one
    │   ├── InvalidPeriod        start after end, or a year of the split outside the period
    │   ├── InvalidThreshold     a certificate/employment threshold outside 0…1
    │   ├── DuplicateAlias       one wording names two quotas of the same region
    │   └── InconsistentTarget   the per-year split or a "sum" rollup disagrees with the target
    ├── AllocationError          a town allocation CSV is wrong (file, line)
    ├── UnknownRegion            a user's scope names no region of the catalogue's tree
    └── UnknownQuota             an id the catalogue does not have (also a KeyError)

Every error carries structured fields and a message that says what to fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class TargetsError(Exception):
    """Base of every error the targets package raises on purpose."""


class CatalogueError(TargetsError):
    """A quota definition that cannot be accepted; nothing of the catalogue is loaded."""

    def __init__(
        self, file: Path | str, quota_id: str | None, field: str | None, message: str
    ) -> None:
        self.file = str(file)
        self.quota_id = quota_id
        self.field = field
        self.message = message
        where = self.file
        if quota_id:
            where += f": quota {quota_id!r}"
        if field:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


class CatalogueSyntaxError(CatalogueError):
    """The file is not valid TOML."""


class InvalidField(CatalogueError):
    """A field is missing, unknown, of the wrong type, or not one of its valid values."""


class DuplicateId(CatalogueError):
    """Two quotas share an id."""


class MissingParent(CatalogueError):
    """A child quota whose parent is not defined in the same file or an earlier one."""


class InvalidPeriod(CatalogueError):
    """A period that ends before it starts, or a per-year split outside the period."""


class InvalidThreshold(CatalogueError):
    """A certificate or employment threshold outside 0…1."""


class DuplicateAlias(CatalogueError):
    """One normalised wording (alias or name) names two quotas of the same region."""


class InconsistentTarget(CatalogueError):
    """A per-year split or a "sum" rollup that does not add up to the target."""


class UnknownQuota(TargetsError, KeyError):
    """An id the catalogue does not have."""

    def __init__(self, quota_id: str, known: list[str]) -> None:
        self.quota_id = quota_id
        close = [k for k in known if k.split("/")[0] == quota_id.split("/")[0]] or known
        hint = ", ".join(close[:12]) + (", …" if len(close) > 12 else "")
        super().__init__(
            f"no quota {quota_id!r} in the catalogue. Known ids include: {hint}. "
            "Run `python -m targets list` to see them all."
        )

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class AllocationError(TargetsError):
    """A town allocation (catalogue/allocations/*.csv) that cannot be accepted; none is used."""

    def __init__(self, file: Path | str, line: int | None, message: str) -> None:
        self.file = str(file)
        self.line = line
        self.message = message
        where = self.file if line is None else f"{self.file}, line {line}"
        super().__init__(f"{where}: {message}")


class UnknownRegion(TargetsError):
    """A scope (catalogue.region_scope.resolve) that names no region of the catalogue's tree."""

    def __init__(self, text: str, known: Sequence[str]) -> None:
        self.text = text
        self.known = tuple(known)
        shown = "、".join(self.known[:30])
        super().__init__(
            f"找不到地区“{text}”：范围须是目录中的省、市、县（区）或其下的镇街，"
            f"如 浙江省、临沭县、凯里市·舟溪镇；已知：{shown} / "
            f"no region '{text}' in the catalogue's tree (a province, city, county, or a town "
            "below a county, e.g. 凯里市·舟溪镇)"
        )
