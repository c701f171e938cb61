"""`make bench`: every benchmark in turn; each writes its own section of bench/RESULTS.md.

Benchmarks are not tests: they take minutes, need the machine to themselves, and record figures
rather than assert them. Run one alone with `python -m bench.<name> --help`.
"""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = ("etl_load", "targets_progress", "dashboard", "scale", "subsidy")


def main() -> None:
    for name in BENCHMARKS:
        print(f"== bench.{name}", flush=True)
        module = importlib.import_module(f"bench.{name}")
        sys.argv = [f"bench.{name}"]
        module.main()


if __name__ == "__main__":
    main()
