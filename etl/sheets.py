"""Workbooks (.xlsx, .xls, .xlsb, .ods, WPS .et) parsed in a child process with limits.

A hostile or broken workbook can make the parser abort the whole process (calamine asks for
512 GB for one cell at XFD1048576) or inflate to gigabytes. The dashboard serves everyone from one
process, so workbooks are parsed by `etl.sheet_worker` in a child process under a memory limit
(`SKILLTRACK_PARSE_MEMORY_MB`, default 4096) and a time limit (`SKILLTRACK_PARSE_SECONDS`,
default 600); the child writes the sheets' text cells as Arrow IPC files into the load's scratch
folder beside the warehouse (warehouse.scratch), which the parent then reads like any other table.
Whatever happens to the child, the parent raises UnreadableFile naming the file, in Chinese.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.exceptions import UnreadableFile

WORKBOOKS = (".xlsx", ".xls", ".xlsb", ".ods", ".et")
MEMORY_ENV, SECONDS_ENV = "SKILLTRACK_PARSE_MEMORY_MB", "SKILLTRACK_PARSE_SECONDS"
DEFAULT_MEMORY_MB, DEFAULT_SECONDS = 4096, 600

_WHAT_TO_DO = "请在 Excel 或 WPS 中打开检查，另存为 .xlsx 或 UTF-8 CSV 后再导入。"
_WHAT_TO_DO_EN = "Open it in Excel or WPS, check it, save it as .xlsx or UTF-8 CSV and load again."
# Why the child refused or failed → (Chinese, English); {…} from the child's JSON.
MESSAGES: dict[str, tuple[str, str]] = {
    "not_workbook": (
        "不是可读取的 Excel/WPS/ODS 工作簿（文件可能已损坏，或只是改了扩展名）。" + _WHAT_TO_DO,
        "is not a readable Excel/WPS/ODS workbook (it may be damaged, or only renamed). "
        + _WHAT_TO_DO_EN,
    ),
    "too_large": (
        "解压后超过 {limit_mb:,} MB 的上限，未导入。文件可能是恶意构造的压缩炸弹。" + _WHAT_TO_DO,
        "expands past the {limit_mb:,} MB limit when unzipped; nothing was loaded. It may be a "
        "zip bomb. " + _WHAT_TO_DO_EN,
    ),
    "declared_too_large": (
        "工作表 {sheet} 声明的范围 {ref}（{cells:,} 个单元格）超出上限，未导入。" + _WHAT_TO_DO,
        "sheet {sheet} declares the range {ref} ({cells:,} cells), past the limit; nothing was "
        "loaded. " + _WHAT_TO_DO_EN,
    ),
    "extent_too_large": (
        "工作表 {sheet} 的单元格延伸到第 {rows:,} 行、第 {cols:,} 列（{cells:,} 个单元格），"
        "超出上限，未导入。" + _WHAT_TO_DO,
        "sheet {sheet} reaches row {rows:,} and column {cols:,} ({cells:,} cells), past the limit;"
        " nothing was loaded. " + _WHAT_TO_DO_EN,
    ),
    "too_many_rows": (
        "工作表 {sheet} 有 {rows:,} 行，超过 Excel 的上限 {limit:,} 行，未导入。" + _WHAT_TO_DO,
        "sheet {sheet} has {rows:,} rows, more than Excel's {limit:,}; nothing was loaded. "
        + _WHAT_TO_DO_EN,
    ),
    "memory": (
        "解析时超出 {memory:,} MB 的内存上限，未导入（文件过大、已损坏或是恶意构造的）。"
        "请拆分成较小的文件，或另存为 UTF-8 CSV 后再导入。",
        "needs more than the {memory:,} MB memory limit to parse; nothing was loaded (too large, "
        "damaged or built to harm). Split it into smaller files, or save it as UTF-8 CSV.",
    ),
    "timeout": (
        "解析超过 {seconds:,} 秒仍未完成，已停止，未导入。请拆分成较小的文件，或另存为 UTF-8 CSV。",
        "took more than {seconds:,} s to parse and was stopped; nothing was loaded. Split it into "
        "smaller files, or save it as UTF-8 CSV.",
    ),
}


@dataclass(frozen=True)
class ParsedSheet:
    """One sheet written by the child: its name, its Arrow IPC file and its rows."""

    name: str
    file: Path
    rows: int


def limits() -> tuple[int, int]:
    """(memory MB, seconds) for the parsing child, from the environment or the defaults."""
    memory = int(os.environ.get(MEMORY_ENV) or DEFAULT_MEMORY_MB)
    seconds = int(os.environ.get(SECONDS_ENV) or DEFAULT_SECONDS)
    return memory, seconds


def refused(display: str, code: str, **params: Any) -> UnreadableFile:
    """The UnreadableFile for a refusal code, in Chinese with its English twin."""
    zh, en = MESSAGES.get(code, MESSAGES["not_workbook"])
    if "limit" in params and isinstance(params["limit"], int):
        params = {**params, "limit_mb": params["limit"] >> 20}
    try:
        return UnreadableFile(display, zh.format(**params), en=en.format(**params))
    except (KeyError, ValueError):
        zh, en = MESSAGES["not_workbook"]
        return UnreadableFile(display, zh, en=en)


def parse_workbook(path: Path, display: str, out: Path) -> list[ParsedSheet]:
    """Parse the workbook at path in a limited child process; its sheets as files in out."""
    memory, seconds = limits()
    root = str(Path(__file__).resolve().parents[1])  # so that the child finds this package
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
        "RUST_BACKTRACE": "0",
        "POLARS_MAX_THREADS": os.environ.get("POLARS_MAX_THREADS", "2"),
    }
    cmd = [sys.executable, "-m", "etl.sheet_worker", str(path), str(out), str(memory), str(seconds)]
    child = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    try:
        stdout, _ = child.communicate(timeout=seconds * 2)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        raise refused(display, "timeout", seconds=seconds) from None
    except BaseException:  # interrupted: the child must not outlive the load
        child.kill()
        child.wait()
        raise
    answer = _answer(stdout)
    if child.returncode == 0 and "sheets" in answer:
        return [ParsedSheet(s["name"], out / s["file"], int(s["rows"])) for s in answer["sheets"]]
    if "error" in answer:
        code = str(answer.pop("error"))
        raise refused(display, code, **{"memory": memory, "seconds": seconds, **answer})
    if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL):  # the CPU-time limit
        raise refused(display, "timeout", seconds=seconds)
    # an abort (calamine's failed allocation), a MemoryError the child could not report, a crash
    raise refused(display, "memory", memory=memory)


def _answer(stdout: bytes) -> dict[str, Any]:
    try:
        answer = json.loads(stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError, UnicodeDecodeError):
        return {}
    return answer if isinstance(answer, dict) else {}
