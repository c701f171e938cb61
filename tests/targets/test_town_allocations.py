"""Town allocation CSVs: what loads, and every error naming its file and line."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from catalogue.allocations import ALLOCATIONS_DIR, load_allocations
from catalogue.exceptions import AllocationError, TargetsError
from catalogue.loader import Catalogue, load_catalogue

HEADER = "programme_id,town,target\n"


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding=encoding)
    return path


def test_a_valid_allocation_loads(tmp_path: Path, catalogue: Catalogue) -> None:
    folder = tmp_path / "alloc"
    path = write(
        folder,
        "a.csv",
        HEADER + "testville-2024/a, 甲镇 ,500\n\ntestville-2024/a,乙镇,0\nkaili-2024,ＡＢ镇,7\n",
        encoding="utf-8-sig",
    )
    got = load_allocations(folder, catalogue)
    expected = pl.DataFrame(
        {
            "programme_id": ["testville-2024/a", "testville-2024/a", "kaili-2024"],
            "town": ["甲镇", "乙镇", "AB镇"],  # trimmed, half-width: as the ETL stores towns
            "target": [500, 0, 7],
            "file": [str(path)] * 3,
            "line": [2, 4, 5],
        }
    )
    assert_frame_equal(got, expected)


def test_no_folder_means_no_allocations(tmp_path: Path, catalogue: Catalogue) -> None:
    assert load_allocations(tmp_path / "missing", catalogue).is_empty()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("programme,town,target\n", 1, "the header must be programme_id,town,target"),
        ("", 1, "(empty file)"),
        (HEADER + "testville-2024/a,甲镇,10\nnowhere-2024,甲镇,5\n", 3, "no quota 'nowhere-2024'"),
        (HEADER + "testville-2024/a,甲镇,10\ntestville-2024/a,甲镇,5\n", 3, "a second time"),
        (HEADER + "testville-2024/a,甲镇,10\ntestville-2024/a, 甲镇,5\n", 3, "line 2"),
        (HEADER + "testville-2024/a,,10\n", 2, "the town is empty"),
        (HEADER + "testville-2024/a,甲镇,十\n", 2, "not a whole number"),
        (HEADER + "testville-2024/a,甲镇,-5\n", 2, "not a whole number"),
        (HEADER + "testville-2024/a,甲镇\n", 2, "has 2 cells"),
        (HEADER + "kaili-2024/training-brand,甲镇,1\n", 2, "manual quota"),
        (HEADER + "yuncheng-2018,盐湖区,1\n", 2, "city-level quota"),
    ],
)
def test_errors_name_the_file_and_line(
    tmp_path: Path, catalogue: Catalogue, text: str, line: int, message: str
) -> None:
    path = write(tmp_path / "alloc", "bad.csv", text)
    with pytest.raises(AllocationError) as err:
        load_allocations(tmp_path / "alloc", catalogue)
    assert (err.value.file, err.value.line) == (str(path), line)
    assert f"{path}, line {line}: " in str(err.value) and message in str(err.value)
    assert isinstance(err.value, TargetsError)


def test_a_town_allocated_twice_across_files(tmp_path: Path, catalogue: Catalogue) -> None:
    folder = tmp_path / "alloc"
    first = write(folder, "a.csv", HEADER + "testville-2024/a,甲镇,10\n")
    second = write(folder, "b.csv", HEADER + "testville-2024/b,甲镇,1\ntestville-2024/a,甲镇,5\n")
    with pytest.raises(AllocationError, match="a second time") as err:
        load_allocations(folder, catalogue)
    assert (err.value.file, err.value.line) == (str(second), 3)
    assert f"first in {first}, line 2" in str(err.value)


def test_not_utf8(tmp_path: Path, catalogue: Catalogue) -> None:
    write(tmp_path / "alloc", "gbk.csv", HEADER + "testville-2024/a,甲镇,10\n", encoding="gbk")
    with pytest.raises(AllocationError, match="not UTF-8"):
        load_allocations(tmp_path / "alloc", catalogue)


def test_the_shipped_allocations_are_valid(tmp_path: Path) -> None:
    catalogue = load_catalogue(local_path=tmp_path / "no-local.toml")
    frame = load_allocations(ALLOCATIONS_DIR, catalogue)  # raises if any line is wrong
    assert frame.filter(pl.col("target") < 0).is_empty()
