"""The whole suite's own hooks: none but the quiet ending.

DuckDB's Python module (built with nanobind) prints "nanobind: leaked N instances!" and a list of
its types when the interpreter shuts down with any of its objects still alive (module-level type
objects and the connections Streamlit's caches keep for the process). The lines follow the test
summary and say nothing about this project. Once pytest has written everything and closed its
plugins (trylast), the process leaves with pytest's own exit status without the interpreter's
teardown, so the summary is the last thing printed.
"""

from __future__ import annotations

import os
import sys

import pytest

_STATUS: dict[str, int] = {}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _STATUS["exit"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if "exit" not in _STATUS or os.environ.get("SKILLTRACK_FULL_TEARDOWN"):
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_STATUS["exit"])
