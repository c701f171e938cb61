"""The audit's rules digest is the same in every process, so that a later load judges only the
people of its batch (a digest that changed would make every load judge every record again)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = "from catalogue.loader import load_catalogue; from etl import audit; " \
    "print(audit.rules_digest(load_catalogue()))"  # fmt: skip


def _digest(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return out.stdout.strip()


def test_rules_digest_does_not_depend_on_string_hashing() -> None:
    digests = {_digest(seed) for seed in ("1", "2", "3")}
    assert len(digests) == 1
    assert len(next(iter(digests))) == 40
