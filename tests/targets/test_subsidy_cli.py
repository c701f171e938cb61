"""`python -m targets flags | subsidies` end to end, on a hand-built ledger (CONTRACT §5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.targets.subsidy_fixtures import KAILI_SHORT, LINSHU, YUNCHENG, AuditWarehouse, Training

D = date


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> AuditWarehouse:
    w = AuditWarehouse(tmp_path_factory.mktemp("cli"))
    w.load(
        *(Training(1, LINSHU, D(2020, m, 1), D(2020, m, 10), institution="临沭职校",
                   phone="13912345678") for m in range(1, 6)),
        Training(2, KAILI_SHORT, D(2024, 5, 1), D(2024, 5, 10), birth="19500101",
                 institution="=凯里合作社"),
        Training(3, YUNCHENG, D(2020, 3, 1), D(2020, 3, 31), institution="运城技校", days=12,
                 employed=True, employment_date=D(2020, 5, 20)),
    )  # fmt: skip
    return w


def test_flags_json(wh: AuditWarehouse) -> None:
    rows = wh.json("flags")
    assert [r["flags"] for r in rows] == [
        ["over_age", "too_long"],
        ["repeat_occupation_level"],
        ["repeat_occupation_level"],
        ["over_yearly_limit", "repeat_occupation_level"],
        ["over_yearly_limit", "repeat_occupation_level"],
    ]
    first = rows[1]
    assert list(first)[:9] == ["programme_id", "name", "id_masked", "start_date", "end_date",
                               "institution", "occupation", "level", "flags"]  # fmt: skip
    assert first["programme_id"] == "linshu-2019" and first["start_date"] == "2020-02-01"
    assert first["id_masked"].startswith("520102********") and len(first["id_masked"]) == 18
    assert first["phone_masked"] == "139****5678"
    assert [r["programme_id"] for r in wh.json("flags", "--year", "2024")] == [
        "kaili-2024/agri-short"
    ]
    assert wh.json("flags", "--programme", "yuncheng-2018") == []


def test_subsidies_json(wh: AuditWarehouse) -> None:
    rows = {r["institution"]: r for r in wh.json("subsidies", "--as-of", "2020-04-30")}
    assert rows["运城技校"] == {
        "institution": "运城技校", "programme_id": "yuncheng-2018", "records": 1, "eligible": 1,
        "amount": 1700.0, "payable": 1360.0, "withheld": 340.0,
    }  # fmt: skip
    assert (rows["临沭职校"]["records"], rows["临沭职校"]["eligible"]) == (4, 1)
    later = {r["institution"]: r for r in wh.json("subsidies", "--as-of", "2020-06-30")}
    assert later["运城技校"]["payable"] == 1700.0 and later["运城技校"]["withheld"] == 0.0
    only = wh.json("subsidies", "--as-of", "2025-01-01", "--programme", "kaili-2024")
    assert [(r["institution"], r["records"], r["eligible"]) for r in only] == [
        ("=凯里合作社", 1, 0)
    ]


def test_human_output_is_chinese(wh: AuditWarehouse) -> None:
    done = wh.cli("subsidies", "--as-of", "2020-04-30")
    assert done.returncode == 0, done.stderr
    assert "可支付" in done.stdout and "暂缓：待就业 340.00 元（1 人次）" in done.stdout
    done = wh.cli("flags")
    assert "超过年龄上限、超过培训天数上限" in done.stdout and "139" not in done.stdout
    bad = wh.cli("flags", "--programme", "no-such")
    assert bad.returncode == 1 and "no-such" in bad.stderr


def test_a_warehouse_without_audit_says_what_to_do(tmp_path: Path) -> None:
    """Records no load has judged (a warehouse made before the audit): say to load once."""
    import duckdb

    w = AuditWarehouse(tmp_path)
    w.load(Training(1, LINSHU, D(2020, 1, 1), D(2020, 1, 10)))
    con = duckdb.connect(str(w.path))
    for table in ("audit", "audit_counts", "audit_money", "audit_state"):
        con.execute(f"delete from {table}")  # our own table names
    con.close()
    done = w.cli("subsidies", "--as-of", "2020-04-30")
    assert done.returncode == 1 and "补贴审核" in done.stderr and "load" in done.stderr
