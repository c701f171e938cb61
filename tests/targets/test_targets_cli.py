"""`python -m targets list / set`, end to end in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CONTRACT_KEYS = [
    "programme_id",
    "parent_id",
    "name",
    "target",
    "unit",
    "measure",
    "period_start",
    "period_end",
    "certificate_threshold",
    "employment_threshold",
    "source",
]


def targets(local: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SKILLTRACK_LOCAL_TARGETS": str(local), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "targets", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def listing(local: Path) -> dict[str, dict[str, Any]]:
    done = targets(local, "list", "--json")
    assert done.returncode == 0, done.stderr
    return {row["programme_id"]: row for row in json.loads(done.stdout)}


@pytest.fixture
def local(tmp_path: Path) -> Path:
    return tmp_path / "local.toml"


def test_list_json_follows_the_contract(local: Path) -> None:
    rows = listing(local)
    assert all(list(row)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS for row in rows.values())
    parents = {
        "kaili-2024": None,
        "kaili-2024/guizhou-technician": "kaili-2024",
        "kaili-2024/qiancai-chef": "kaili-2024",
        "kaili-2024/qianling-housekeeping": "kaili-2024",
        "kaili-2024/qianlv-tourism": "kaili-2024",
        "kaili-2024/enterprise-workers": "kaili-2024",
        "kaili-2024/project-certificate": "kaili-2024",
        "kaili-2024/agri-short": "kaili-2024",
        "kaili-2024/malanhua-startup": "kaili-2024",
        "zhejiang-2021": None,
        "dongning-2019": None,
        "yuncheng-2018": None,
        "linshu-2019": None,
    }
    assert {qid: rows[qid]["parent_id"] for qid in parents} == parents
    technician = rows["kaili-2024/guizhou-technician"]
    assert (technician["certificate_threshold"], technician["employment_threshold"]) == (0.9, 0.8)
    assert (technician["period_start"], technician["period_end"]) == ("2024-01-01", "2025-12-31")
    assert technician["source"].startswith("kaili-2024-2025.txt 附件1 二、(一): “")
    assert "600人次" in technician["source"]
    assert rows["kaili-2024/enterprise-workers"]["yearly"] == {"2024": 400, "2025": 600}
    assert rows["zhejiang-2021"]["target"] == 3_000_000
    assert rows["linshu-2019"]["target"] is None
    assert rows["dongning-2019"]["certificate_threshold"] == 0.8  # the default
    share = rows["kaili-2024/foshan-order/employed-share"]
    assert share["measure"] == "employed"
    assert share["measure_filter"] == {"employment_place": "佛山"}
    assert any(row["parent_id"] == "zhejiang-2021/jinmiao" for row in rows.values())
    assert any(row["parent_id"] == "yuncheng-2018" for row in rows.values())


def test_list_prints_an_aligned_table(local: Path) -> None:
    done = targets(local, "list")
    assert done.returncode == 0, done.stderr
    assert "贵州技工" in done.stdout and "3,000,000" in done.stdout
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("kaili-2024")]
    assert len(lines) > 10


def test_set_writes_local_toml_and_list_shows_it(local: Path) -> None:
    done = targets(local, "set", "linshu-2019", "--target", "12000")
    assert done.returncode == 0, done.stderr
    assert "linshu-2019: target (not set) → 12,000" in done.stdout and str(local) in done.stdout
    assert tomllib.loads(local.read_text("utf-8")) == {"quota": {"linshu-2019": {"target": 12000}}}
    assert listing(local)["linshu-2019"]["target"] == 12000

    done = targets(local, "set", "linshu-2019", "--target", "13000")
    assert "12,000 → 13,000" in done.stdout
    assert listing(local)["linshu-2019"]["local"] == ["target"]


def test_set_one_year_of_a_split(local: Path) -> None:
    done = targets(
        local, "set", "kaili-2024/enterprise-workers", "--year", "2025", "--target", "700"
    )
    assert done.returncode == 0, done.stderr
    row = listing(local)["kaili-2024/enterprise-workers"]
    assert (row["target"], row["yearly"]) == (1100, {"2024": 400, "2025": 700})


def test_set_refuses_what_it_cannot_do(local: Path) -> None:
    unknown = targets(local, "set", "linshu-2091", "--target", "5")
    assert unknown.returncode == 1 and "no quota 'linshu-2091'" in unknown.stderr
    split = targets(local, "set", "kaili-2024", "--target", "7000")
    assert split.returncode == 1 and "--year" in split.stderr
    outside = targets(local, "set", "linshu-2019", "--year", "2030", "--target", "5")
    assert outside.returncode == 1 and "outside the period" in outside.stderr
    summed = targets(local, "set", "yuncheng-2018", "--year", "2019", "--target", "1")
    assert summed.returncode == 1 and "sum of its children" in summed.stderr
    assert str(local) in summed.stderr
    assert not local.exists()


def test_a_sum_parent_follows_its_child(local: Path) -> None:
    done = targets(local, "set", "yuncheng-2018/high-skilled", "--year", "2019", "--target", "6000")
    assert done.returncode == 0, done.stderr
    assert "yuncheng-2018: target 1,000,000 → 1,001,000" in done.stdout
    rows = listing(local)
    assert rows["yuncheng-2018/high-skilled"]["target"] == 26_000
    assert rows["yuncheng-2018"]["yearly"]["2019"] == 201_000
