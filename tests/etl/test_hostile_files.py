"""Hostile and legacy files (tests/cases/) through the command line: a message, never an abort."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from etl.exceptions import UnreadableFile
from etl.load import load_files
from tests.etl.ledger import TODAY, query

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"


def etl_load(*files: Path, db: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """`python -m etl load FILE… --db DB --json`: (exit code, stdout, stderr)."""
    run = subprocess.run(
        [sys.executable, "-m", "etl", "load", *map(str, files), "--db", str(db), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )
    return run.returncode, run.stdout, run.stderr


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("corner-bomb.xlsx", "第 1,048,576 行、第 16,384 列"),
        ("dimension-bomb.xlsx", "声明的范围 A1:XFD1048576"),
        ("strings-bomb.xlsx", "解压后超过"),
        ("too-many-rows.xlsx", "超过 Excel 的上限 1,048,576 行"),
        ("renamed-text.xlsx", "不是可读取的 Excel/WPS/ODS 工作簿"),
        ("empty.csv", "文件是空的"),
    ],
)
def test_a_hostile_file_is_refused_with_a_chinese_message_naming_it(
    case: str, words: str, tmp_path: Path, db: Path
) -> None:
    good = CASES / "ledger.xlsx"
    code, out, err = etl_load(CASES / case, good, db=db)
    assert code == 1  # not 134: the process was never aborted
    assert f"{CASES / case}：" in err and words in err
    assert "Traceback" not in err and "calamine" not in err.lower()
    assert str(db.parent) not in err  # no temporary copy's path
    # the other file of the same command still loads
    assert [f["file"] for f in json.loads(out)["files"]] == ["ledger.xlsx"]
    assert query(db, "select count(*) from batches") == [(1,)]


def test_a_workbook_needing_more_memory_than_the_limit_is_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child's memory limit is the last guard: a limit too small even for Python says so."""
    monkeypatch.setenv("SKILLTRACK_PARSE_MEMORY_MB", "64")
    with pytest.raises(UnreadableFile, match="内存上限") as e:
        load_files([CASES / "ledger.xlsx"], db, today=TODAY, names=["台账.xlsx"])
    assert e.value.file == "台账.xlsx" and "memory limit" in e.value.detail_en
    assert not db.exists()


def test_legacy_workbooks_load_like_their_xlsx_twin(db: Path) -> None:
    names = ("ledger.xlsx", "ledger.xls", "ledger-xls.et", "ledger-xlsx.et", "ledger.ods")
    [xlsx, *twins] = load_files([CASES / f for f in names], db, today=TODAY)
    assert (xlsx.rows, xlsx.loaded, xlsx.rejected) == (7, 5, 2)
    assert xlsx.reasons == {"id_mangled": 1, "id_checksum": 1}  # the numeric ID cell
    for twin in twins:
        assert (twin.rows, twin.duplicates, twin.rejected, twin.reasons) == (
            xlsx.rows,
            xlsx.loaded,
            xlsx.rejected,
            xlsx.reasons,
        )
    assert query(db, "select count(*) from records") == [(5,)]


def test_cr_only_lines_nul_bytes_and_ancient_dates(tmp_path: Path, db: Path) -> None:
    bracketed = tmp_path / "台账[1].csv"  # [1] is a name, not a glob pattern
    bracketed.write_bytes((CASES / "cr-only.csv").read_bytes())
    [cr] = load_files([bracketed], db, today=TODAY)
    assert (cr.file, cr.rows, cr.loaded) == ("台账[1].csv", 5, 5)
    [nul] = load_files([CASES / "nul-cells.csv"], db, today=TODAY)
    assert nul.rows == 3
    assert query(db, "select distinct institution from records where institution is not null") == [
        ("凯里技工学校",)
    ]
    [old] = load_files([CASES / "ancient-dates.csv"], db, today=TODAY)
    assert old.reasons == {"date_invalid": 2}


def test_a_file_without_a_header_never_echoes_its_first_row(db: Path) -> None:
    code, _, err = etl_load(CASES / "no-header.csv", db=db)
    first = (CASES / "no-header.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert code == 1 and "找不到包含全部必填列的表头行" in err
    assert first[1] not in err and first[2] not in err and "张三" not in err


def test_the_loader_never_writes_to_the_system_temporary_folder(tmp_path: Path, db: Path) -> None:
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes((CASES / "cr-only.csv").read_text(encoding="utf-8").encode("gb18030"))
    gbk.write_bytes(gbk.read_bytes().replace(b"\r", b"\n"))
    code, _, err = etl_load(gbk, CASES / "ledger.xlsx", db=db, env={"TMPDIR": str(system_tmp)})
    assert code == 0, err
    assert list(system_tmp.iterdir()) == []
    assert list(db.with_name(db.name + ".tmp").iterdir()) == []  # the scratch folder is empty
