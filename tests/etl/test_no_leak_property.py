"""Property: whatever the headers, no export, message or log line holds an unmasked ID or mobile.

A ledger gets extra columns under any header (a second 身份证号, 联系方式, 备注, made-up ones) whose
cells hold ID and mobile numbers inside other text; some rows are rejected. Every way raw cells
leave the warehouse — the rejects CSV and XLSX, the Parquet export (`extra` included), the
quarantine frame the Data page shows, the error for a file without a header row, the CLI's output
and the log — is searched for a whole ID number or mobile number.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.exceptions import HeaderNotFound
from etl.export import export_parquet
from etl.load import load_files
from etl.rejects import export_rejects, rejects_frame
from tests.etl.ledger import HEADERS, TODAY, make_id, row, write_csv

ROOT = Path(__file__).resolve().parents[2]
# a whole run of digits shaped like an ID (18 or 15) or a mobile number, spaced or not
LEAK = re.compile(
    r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15}|1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4})(?![0-9])"
)
EXTRA_HEADERS = ["身份证号", "联系方式", "手机号", "备注", "家长电话", "证件", "联系电话", "其他"]


def leaks(text: str) -> list[str]:
    return LEAK.findall(text)


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[list[str], list[list[str | None]]]:
    headers = draw(st.lists(st.sampled_from(EXTRA_HEADERS), min_size=1, max_size=4))
    n = draw(st.integers(2, 6))
    rows = []
    for i in range(n):
        good = make_id(i)
        wrong = good[:17] + ("1" if good[17] == "0" else "0")
        base = row(i, 身份证号=good if i % 2 else wrong)  # every other row rejected
        extras = []
        for _ in headers:
            number = draw(
                st.sampled_from(
                    [
                        make_id(50 + i),
                        f"1{draw(st.sampled_from('3456789'))}{draw(st.integers(0, 10**9 - 1)):09d}",
                        "138-1234-5678",
                        "+86 13912345678",
                        make_id(60 + i)[:6] + make_id(60 + i)[8:17],  # an old 15-digit ID
                    ]
                )
            )
            before = draw(st.sampled_from(["", "电话：", "身份证 ", "[x](", "备注"]))
            after = draw(st.sampled_from(["", "，请核对", ")", " 转 8"]))
            extras.append(f"{before}{number}{after}")
        rows.append([*base, *extras])
    return [*HEADERS, *headers], rows


def _text_of_lake(root: Path) -> str:
    parts = []
    for p in root.rglob("*.parquet"):
        parts.append(str(duckdb.sql(f"select * from read_parquet('{p}')").fetchall()))
    return "\n".join(parts)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ledger=ledgers())
def test_no_unmasked_id_or_mobile_leaves_the_warehouse(
    ledger: tuple[list[str], list[list[str | None]]],
    tmp_path_factory: pytest.TempPathFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    headers, rows = ledger
    tmp = tmp_path_factory.mktemp("leak")
    db = tmp / "warehouse.duckdb"
    source = write_csv(tmp / "台账.csv", rows, headers=headers)
    assert leaks(source.read_text(encoding="utf-8"))  # the input does hold them
    caplog.set_level(logging.DEBUG)
    [result] = load_files([source], db, today=TODAY)
    assert result.rejected > 0 and result.loaded > 0
    export_rejects(db, tmp / "r.csv")
    export_rejects(db, tmp / "r.xlsx")
    export_parquet(db, tmp / "lake")
    outputs = {
        "rejects.csv": (tmp / "r.csv").read_text(encoding="utf-8-sig"),
        "rejects.xlsx": pl.read_excel(tmp / "r.xlsx").cast(pl.String).write_csv(),
        "parquet": _text_of_lake(tmp / "lake"),
        "rejects frame (Data page)": rejects_frame(db).cast(pl.String).write_csv(),
        "log": caplog.text,
    }
    # a file with no header row: its first data row must not reach the message
    no_header = write_csv(tmp / "无表头.csv", rows[1:], headers=[str(c) for c in rows[0]])
    with pytest.raises(HeaderNotFound) as e:
        load_files([no_header], db, today=TODAY)
    outputs["message"] = f"{e.value} {e.value.detail_en}"
    for name, text in outputs.items():
        assert leaks(text) == [], name
    assert "****" in outputs["rejects.csv"] and "****" in outputs["parquet"]


def test_the_cli_prints_no_unmasked_number(tmp_path: Path) -> None:
    rows = [row(0, 身份证号="13812345678"), row(1)]
    headers_only = [[make_id(3), "13812345678", "张三"]]
    bad = write_csv(tmp_path / "无表头.csv", headers_only, headers=[make_id(2), "13900001111"])
    good = write_csv(tmp_path / "a.csv", rows)
    run = subprocess.run(
        [sys.executable, "-m", "etl", "load", str(good), str(bad), "--db", str(tmp_path / "w")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1 and "无表头.csv" in run.stderr
    assert leaks(run.stdout + run.stderr) == []
