"""The command line's errors read Chinese first, then the English detail, for etl, targets and
briefing alike (run as a user runs them, reading stderr)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]{4}")  # a Chinese phrase, not a file name's character


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], cwd=REPO, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "argv",
    [
        ("-m", "targets", "progress", "--db", "{missing}", "--as-of", "2025-06-30"),
        (
            "-m",
            "targets",
            "towns",
            "--db",
            "{missing}",
            "--programme",
            "nowhere-1",
            "--as-of",
            "2025-06-30",
        ),
        ("-m", "etl", "rejects", "--db", "{missing}", "--out", "{tmp}/r.xlsx"),
        ("-m", "etl", "load", "--db", "{tmp}/w.duckdb", "{tmp}/headless.csv"),
        ("-m", "etl", "load", "--db", "{tmp}/w.duckdb", "{tmp}/absent.csv"),
        ("-m", "briefing", "--db", "{missing}", "--as-of", "2025-06-30", "--out", "{tmp}/out"),
    ],
)
def test_errors_are_chinese_first(tmp_path: Path, argv: tuple[str, ...]) -> None:
    (tmp_path / "headless.csv").write_text("甲,乙\n1,2\n", encoding="utf-8")
    filled = [a.format(missing=tmp_path / "none.duckdb", tmp=tmp_path) for a in argv]
    done = run(*filled)
    assert done.returncode == 1
    first = done.stderr.strip().splitlines()[-1]
    assert first.startswith("错误："), first
    zh, _, en = first.partition(" / ")
    assert CJK.search(zh), f"the message says what is wrong in Chinese first: {first}"
    assert en, f"the English detail follows: {first}"
    assert "nanobind" not in done.stderr
