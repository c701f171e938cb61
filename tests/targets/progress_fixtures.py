"""Helpers of the progress tests: tiny ledgers loaded through the ETL, the CLI in a subprocess.

Besides the real catalogue, the tests use a few quotas of their own with round numbers, added
through a local.toml of the test's (SKILLTRACK_LOCAL_TARGETS), in a region of their own:

    testville-2024        sum of a, b, c: 1600   2024-01-01 – 2024-04-09 (100 days)
      testville-2024/a    测试甲项目 1000
      testville-2024/b    测试乙项目  400
      testville-2024/c    测试丙项目  200
    ownville-2024         自有汇总项目 100, rollup own, same 100 days
      ownville-2024/part  自有子项目 50

so that on 2024-02-19 (day 50 of 100) time progress is exactly 0.5.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from catalogue.loader import Catalogue
from etl.load import load_files

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 22)  # the day of loading
HEADERS = {
    "name": "姓名",
    "id_number": "身份证号",
    "programme": "培训项目",
    "start_date": "开班日期",
    "end_date": "结业日期",
    "county": "县（市、区）",
    "town": "镇街",
    "institution": "培训机构",
    "certified": "是否取证",
    "employed": "是否就业",
    "employment_place": "就业地点",
}

_TEST_QUOTA = """
unit = "人次"
measure = "trained"
period = {{ start = 2024-01-01, end = 2024-04-09 }}
region = {{ province = "贵州省", city = "测试市", county = "测试县" }}
document = "test-document.txt"
clause = "一、"
quote = "{name}{target}人次"
"""
TEST_QUOTAS = {
    "testville-2024": ("测试总量", 1600, 'rollup = "sum"'),
    "testville-2024/a": ("测试甲项目", 1000, ""),
    "testville-2024/b": ("测试乙项目", 400, ""),
    "testville-2024/c": ("测试丙项目", 200, ""),
    "ownville-2024": ("自有汇总项目", 100, ""),
    "ownville-2024/part": ("自有子项目", 50, ""),
}


def local_toml() -> str:
    """catalogue/local.toml text adding the test quotas."""
    parts = []
    for qid, (name, target, extra) in TEST_QUOTAS.items():
        parts.append(f'[quota."{qid}"]\nname = "{name}"\nname_en = "Test {qid}"\n')
        parts.append(f"target = {target}\n{extra}" + _TEST_QUOTA.format(name=name, target=target))
    return "\n".join(parts)


def gb11643(n: int, region: str = "520102", birth: str = "19900101") -> str:
    """A valid 18-character ID number; n (0…999) makes it unique."""
    body = f"{region}{birth}{n:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


@dataclass
class Ledger:
    """Rows of one CSV ledger with the contract's Chinese headers."""

    rows: list[dict[str, str]] = field(default_factory=list)

    def add(
        self,
        programme: str,
        end: date,
        n: int = 1,
        *,
        certified: int = 0,
        employed: int = 0,
        town: str = "",
        institution: str = "",
        place: str = "",
        county: str = "",
    ) -> Ledger:
        """n trainees; the first `certified` are certified and the first `employed` employed."""
        for i in range(n):
            seq = len(self.rows)
            self.rows.append(
                {
                    "name": f"学员{seq}",
                    "id_number": gb11643(seq % 1000, birth=f"{1960 + seq // 1000}0101"),
                    "programme": programme,
                    "start_date": f"{end.year}/{end.month}/1",
                    "end_date": end.isoformat(),
                    "county": county,
                    "town": town,
                    "institution": institution,
                    "certified": "是" if i < certified else "否",
                    "employed": "是" if i < employed else "否",
                    "employment_place": place if i < employed else "",
                }
            )
        return self

    def write(self, path: Path) -> Path:
        lines = [",".join(HEADERS.values())]
        lines += [",".join(row[k] for k in HEADERS) for row in self.rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path


@dataclass
class Warehouse:
    """A warehouse in a temporary directory, with the test quotas and allocations beside it."""

    root: Path
    catalogue: Catalogue

    @property
    def path(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def local(self) -> Path:
        return self.root / "local.toml"

    @property
    def allocations(self) -> Path:
        return self.root / "allocations"

    def load(self, ledger: Ledger, name: str = "ledger.csv") -> None:
        results = load_files(
            [ledger.write(self.root / name)], self.path, today=TODAY, catalogue=self.catalogue
        )
        for r in results:  # every row of a test ledger is meant to load
            assert (r.loaded, r.rejected, r.duplicates) == (r.rows, 0, 0), r.to_json()

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "SKILLTRACK_LOCAL_TARGETS": str(self.local),
            "SKILLTRACK_ALLOCATIONS": str(self.allocations),
            "PYTHONIOENCODING": "utf-8",
        }

    def cli(self, *args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
        """`python -m targets ARGS --db <this warehouse, or db>`."""
        return subprocess.run(
            [sys.executable, "-m", "targets", *args, "--db", str(db or self.path)],
            cwd=REPO,
            env=self.env(),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    def json(self, *args: str) -> list[dict[str, Any]]:
        done = self.cli(*args, "--json")
        assert done.returncode == 0, done.stderr
        rows: list[dict[str, Any]] = json.loads(done.stdout)
        return rows
