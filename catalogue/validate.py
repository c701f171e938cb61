"""Checks across quotas: unique ids, parents, one meaning per wording in a region, sum rollups."""

from __future__ import annotations

from collections.abc import Sequence

from catalogue.exceptions import (
    DuplicateAlias,
    DuplicateId,
    InconsistentTarget,
    InvalidField,
    MissingParent,
)
from catalogue.model import Quota, Region, normalise_programme_name


def validate(quotas: Sequence[Quota], files: Sequence[str]) -> None:
    """Raise the first CatalogueError found; `files` is the reading order (local.toml last)."""
    rank = {f: i for i, f in enumerate(files)}
    by_id: dict[str, Quota] = {}
    for q in quotas:
        if q.id in by_id:
            first = by_id[q.id].catalogue_file
            raise DuplicateId(
                q.catalogue_file, q.id, "id", f"already defined in {first}; rename one of them"
            )
        by_id[q.id] = q
    for q in quotas:
        _check_parent(q, by_id, rank)
    _check_aliases(quotas)
    _check_sums(quotas)


def _check_parent(q: Quota, by_id: dict[str, Quota], rank: dict[str, int]) -> None:
    if q.parent_id is None:
        return
    parent = by_id.get(q.parent_id)
    if parent is None:
        raise MissingParent(
            q.catalogue_file,
            q.id,
            "id",
            f"its parent {q.parent_id!r} is not defined; add it (in this file or an earlier "
            "one) or fix the id",
        )
    if rank.get(parent.catalogue_file, 0) > rank.get(q.catalogue_file, 0):
        raise MissingParent(
            q.catalogue_file,
            q.id,
            "id",
            f"its parent {q.parent_id!r} is defined in a later file ({parent.catalogue_file}); "
            "a parent must be in the same file or an earlier one",
        )


def region_label(region: Region) -> str:
    """贵州省/黔东南苗族侗族自治州/凯里市."""
    return "/".join(p for p in (region.province, region.city, region.county) if p)


def _check_aliases(quotas: Sequence[Quota]) -> None:
    """Within one region, a normalised alias or name names one quota only."""
    owner: dict[tuple[Region, str], Quota] = {}
    for q in quotas:
        for wording in (q.name, *q.aliases):
            key = normalise_programme_name(wording)
            if not key:
                raise InvalidField(
                    q.catalogue_file, q.id, "aliases", f"{wording!r} is only quotes or brackets"
                )
            other = owner.setdefault((q.region, key), q)
            if other.id != q.id:
                raise DuplicateAlias(
                    q.catalogue_file,
                    q.id,
                    "aliases",
                    f"{wording!r} (normalised {key!r}) already names {other.id!r} in region "
                    f"{region_label(q.region)}; a record could not be told apart — keep the "
                    "wording on one quota only",
                )


def _check_sums(quotas: Sequence[Quota]) -> None:
    """A "sum" parent has children of its unit whose set targets add up to its own."""
    children: dict[str, list[Quota]] = {}
    for q in quotas:
        if q.parent_id:
            children.setdefault(q.parent_id, []).append(q)
    for q in quotas:
        if q.rollup != "sum":
            continue
        kids = children.get(q.id, [])
        if not kids:
            raise InconsistentTarget(
                q.catalogue_file, q.id, "rollup", "'sum' needs children; use 'own' instead"
            )
        odd = [k.id for k in kids if k.unit != q.unit]
        if odd:
            raise InconsistentTarget(
                q.catalogue_file,
                q.id,
                "rollup",
                f"'sum' adds children of unit {q.unit} only, but {odd} differ; use 'own'",
            )
        targets = [k.target for k in kids]
        if q.target is not None and all(t is not None for t in targets):
            total = sum(t for t in targets if t is not None)
            if total != q.target:
                raise InconsistentTarget(
                    q.catalogue_file,
                    q.id,
                    "target",
                    f"rollup is 'sum' but the children's targets add up to {total}, not "
                    f"{q.target}; correct one of them or use rollup 'own'",
                )
