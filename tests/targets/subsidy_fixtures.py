"""Helpers of the subsidy audit tests: trainings written as a CSV ledger and loaded for real.

Each Training is one row with the contract's Chinese headers. A person is a (seq, birth) pair:
gb11643 makes a valid ID number whose birth date is `birth`, so ages are exact.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from catalogue.loader import Catalogue, load_catalogue
from etl.load import load_files
from tests.targets.progress_fixtures import REPO, gb11643

TODAY = date(2026, 11, 22)
HEADERS = {
    "name": "姓名",
    "id_number": "身份证号",
    "programme": "培训项目",
    "start": "开班日期",
    "end": "结业日期",
    "county": "县（市、区）",
    "town": "镇街",
    "institution": "培训机构",
    "occupation": "工种",
    "level": "等级",
    "days": "培训天数",
    "certified": "是否取证",
    "employed": "是否就业",
    "employment_date": "就业日期",
    "category": "人员类别",
    "phone": "联系电话",
}
# Programme wording and county of each document's main programme.
LINSHU = ("职业技能提升行动", "临沭县")
LINSHU_PROJECT = ("项目制培训", "临沭县")
KAILI_SHORT = ("农业种植养殖短平快培训", "凯里市")
YUNCHENG = ("全民技能提升工程", "运城市")
DONGNING = ("职业技能提升行动", "东宁市")
ZHEJIANG = ("金蓝领", "")  # no county: loaded for 浙江省 (金蓝领 is Linshu's wording too)

# The money by place (audit_place_events) with its places' texts, not their ids (which depend on
# the order the loads met the places in): what two warehouses' money by place is compared by.
MONEY_BY_PLACE = (
    "select p.* exclude (place_id), m.* exclude (place_id) "
    "from audit_place_events as m join audit_money_places as p using (place_id)"
)


@dataclass
class Training:
    """One row of a ledger."""

    person: int
    where: tuple[str, str]
    start: date
    end: date
    birth: str = "19900101"
    institution: str = "测试培训学校"
    occupation: str = "焊工"
    level: str = "中级"
    days: int | None = None
    certified: bool = True
    employed: bool = False
    employment_date: date | None = None
    category: str = ""
    phone: str = ""
    town: str = ""

    def cells(self) -> dict[str, str]:
        return {
            "name": f"学员{self.person}",
            "id_number": gb11643(self.person, birth=self.birth),
            "programme": self.where[0],
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "county": self.where[1],
            "town": self.town,
            "institution": self.institution,
            "occupation": self.occupation,
            "level": self.level,
            "days": "" if self.days is None else str(self.days),
            "certified": "是" if self.certified else "否",
            "employed": "是" if self.employed else "否",
            "employment_date": self.employment_date.isoformat() if self.employment_date else "",
            "category": self.category,
            "phone": self.phone,
        }


def write_ledger(trainings: list[Training], path: Path) -> Path:
    lines = [",".join(HEADERS.values())]
    lines += [",".join(t.cells()[k] for k in HEADERS) for t in trainings]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class AuditWarehouse:
    """A warehouse in a temporary directory, loaded batch by batch through the ETL."""

    root: Path
    local_text: str = ""

    @property
    def path(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def local(self) -> Path:
        return self.root / "local.toml"

    def catalogue(self) -> Catalogue:
        self.local.write_text(self.local_text, encoding="utf-8")
        return load_catalogue(local_path=self.local)

    def load(self, *trainings: Training, region: str | None = None) -> None:
        """One batch; `region` is the region it is loaded for (`etl load --region`)."""
        n = len(list(self.root.glob("batch*.csv")))
        file = write_ledger(list(trainings), self.root / f"batch{n}.csv")
        (r,) = load_files([file], self.path, today=TODAY, catalogue=self.catalogue(), region=region)
        assert (r.loaded, r.rejected, r.duplicates) == (r.rows, 0, 0), r.to_json()

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "SKILLTRACK_LOCAL_TARGETS": str(self.local),
            "PYTHONIOENCODING": "utf-8",
        }
        return subprocess.run(
            [sys.executable, "-m", "targets", *args, "--db", str(self.path)],
            cwd=REPO,
            env=env,
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


TRAINING_FIELDS = tuple(f.name for f in fields(Training))
