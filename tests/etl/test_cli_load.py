"""End to end through `python -m etl load|rejects`, on files the tests build."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from tests.etl.ledger import HEADERS, make_id, query, row, snapshot, write_csv, wrong_check


def etl(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)], capture_output=True, text=True, check=False
    )


def load_json(*files: Path, db: Path) -> list[dict[str, object]]:
    done = etl("load", *files, "--db", db, "--json")
    assert done.returncode == 0, done.stderr
    out: list[dict[str, object]] = json.loads(done.stdout)["files"]
    return out


def build_xlsx(path: Path) -> Path:
    """A bureau's export: title, 填报单位 line, merged cells, numeric IDs, dates, totals."""
    options = {"strings_to_numbers": False, "strings_to_formulas": False}
    with xlsxwriter.Workbook(str(path), options) as wb:
        ws = wb.add_worksheet("台账")
        day = wb.add_format({"num_format": "yyyy-mm-dd"})
        ws.merge_range(0, 0, 0, 7, "凯里市2024年“贵州技工”培训实名制台账")
        ws.merge_range(1, 0, 1, 7, "填报单位：凯里市人力资源和社会保障局    填报日期：2024年12月")
        ws.write_row(
            2,
            0,
            [
                "序号",
                "*姓名",
                "*身份证\n号码",
                "*培训\n项目",
                "开班日期",
                "结业日期",
                "是否取证",
                "是否就业",
            ],
        )
        ws.write_row(3, 0, ["1", "王一", make_id(1), "贵州技工"])
        ws.write_datetime(3, 4, datetime(2024, 3, 5), day)
        ws.write_datetime(3, 5, datetime(2024, 3, 20), day)
        ws.write_row(3, 6, ["是", "√"])
        ws.write_row(4, 0, ["2", "王二"])
        ws.write_number(4, 2, int(make_id(2)))  # an ID typed into a numeric cell
        ws.write_row(4, 3, ["贵州技工", 45356, 45371, "是", "否"])  # serial dates
        ws.write_row(
            5, 0, ["3", "王三", make_id(3), "黔菜师傅", "2024/4/1", "2024年4月9日", "已取证", ""]
        )
        ws.write_row(
            6,
            0,
            ["4", "王四", wrong_check(make_id(4)), "贵州技工", "20240305", "20240320", "否", "否"],
        )
        ws.write_row(8, 0, ["合计", "4人"])  # row 8 (index 7) stays blank
    return path


def test_xlsx_export_end_to_end(tmp_path: Path, db: Path) -> None:
    [r] = load_json(build_xlsx(tmp_path / "kaili.xlsx"), db=db)
    assert (r["rows"], r["loaded"], r["duplicates"], r["rejected"], r["skipped"]) == (5, 2, 0, 2, 1)
    assert r["reasons"] == {"id_mangled": 1, "id_checksum": 1}
    got = query(
        db,
        "select name, start_date::varchar, end_date::varchar, certified, employed "
        "from records order by name",
    )
    assert got == [
        ("王一", "2024-03-05", "2024-03-20", True, True),
        ("王三", "2024-04-01", "2024-04-09", True, False),
    ]
    rejected = query(db, "select sheet, source_row, first_reason from rejects order by source_row")
    assert rejected == [("台账", 5, "id_mangled"), ("台账", 7, "id_checksum")]


def test_gb18030_csv_keeps_a_name_outside_gbk(tmp_path: Path, db: Path) -> None:
    path = write_csv(
        tmp_path / "linshu.csv",
        [row(0, 姓名="刘䶮", 培训项目="项目制培训"), row(1)],
        title=[["临沭县职业技能培训台账"]],
        encoding="gb18030",
    )
    assert "䶮".encode("gb18030") in path.read_bytes()
    [r] = load_json(path, db=db)
    assert r["loaded"] == 2
    assert query(db, "select name from records order by name") == [("刘䶮",), ("张四",)]


def test_the_same_file_twice_loads_nothing_new(tmp_path: Path, db: Path) -> None:
    path = write_csv(
        tmp_path / "a.csv", [row(n) for n in range(5)] + [row(0), row(9, 身份证号="x")]
    )
    [first] = load_json(path, db=db)
    before = snapshot(db)
    [second] = load_json(path, db=db)
    assert (first["loaded"], first["duplicates"], first["rejected"]) == (5, 1, 1)
    assert (second["loaded"], second["duplicates"], second["rejected"]) == (0, 6, 1)
    assert second["duplicate_of"] == first["batch_id"]
    assert snapshot(db) == before
    assert query(db, "select count(*) from rejects") == [(1,)]  # quarantined once
    assert query(db, "select count(*) from batches") == [(2,)]


def test_two_files_in_either_order_give_the_same_warehouse(tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", [row(n) for n in range(0, 6)])
    b = write_csv(tmp_path / "b.csv", [row(n) for n in range(4, 9)])  # rows 4 and 5 overlap
    ab, ba = tmp_path / "ab.duckdb", tmp_path / "ba.duckdb"
    load_json(a, b, db=ab)
    load_json(b, a, db=ba)
    assert snapshot(ab) == snapshot(ba)
    assert query(ab, "select count(*) from records") == [(9,)]


def test_gbk_csv_is_read_as_gb18030(tmp_path: Path, db: Path) -> None:
    path = write_csv(tmp_path / "dongning.csv", [row(0, 姓名="韩冬梅"), row(1)], encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    [r] = load_json(path, db=db)
    assert (r["rows"], r["loaded"]) == (2, 2)
    assert ("韩冬梅",) in query(db, "select name from records")


def test_a_file_in_neither_encoding_loads_nothing(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(",".join(HEADERS).encode() + b"\n1,\xff\xfe\xff,1\n")
    done = etl("load", path, "--db", db)
    assert done.returncode != 0
    assert "bad.csv" in done.stderr and "UTF-8" in done.stderr
    assert not db.exists()


def test_a_missing_required_column_names_file_headers_and_aliases(tmp_path: Path, db: Path) -> None:
    path = write_csv(
        tmp_path / "nohead.csv", [["1", "张三", "x"]], headers=["序号", "姓名", "备注"]
    )
    ok = write_csv(tmp_path / "ok.csv", [row(0)])
    done = etl("load", path, ok, "--db", db, "--json")
    assert done.returncode == 1
    assert "nohead.csv" in done.stderr and "姓名" in done.stderr and "身份证号码" in done.stderr
    assert json.loads(done.stdout)["files"][0]["file"] == "ok.csv"  # the other file still loads


def test_rows_add_up_in_the_human_output(tmp_path: Path, db: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [row(0), row(1, 结业日期="待定")])
    done = etl("load", path, "--db", db)
    assert done.returncode == 0
    assert "导入 1" in done.stdout and "date_invalid: 1" in done.stdout


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_rejects_export_masks_ids_and_defuses_formulas(
    tmp_path: Path, db: Path, suffix: str
) -> None:
    bad_id = wrong_check(make_id(5))
    path = write_csv(tmp_path / "a.csv", [row(0, 身份证号=bad_id, 姓名="=1+1"), row(1)])
    load_json(path, db=db)
    out = tmp_path / f"rejects{suffix}"
    done = etl("rejects", "--db", db, "--out", out)
    assert done.returncode == 0, done.stderr
    frame = pl.read_excel(out) if suffix == ".xlsx" else pl.read_csv(out, infer_schema=False)
    assert frame.height == 1
    assert frame.get_column("身份证号").to_list() == [bad_id[:6] + "********" + bad_id[-4:]]
    assert frame.get_column("姓名").to_list() == ["'=1+1"]
    assert frame.get_column("首要原因").to_list() == ["身份证号校验位错误"]
    assert bad_id not in out.read_bytes().decode("utf-8", errors="ignore")
