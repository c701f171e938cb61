"""A progress bar on stderr for long loads (files over ~50k rows)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

SHOW_FROM_ROWS = 50_000


class ProgressBar:
    """Redraws one line on stderr at most five times a second; silent for small files."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, file: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if done < SHOW_FROM_ROWS and not self.shown:
            return
        if now - self.last < 0.2 and (total is None or done < total):
            return
        self.last, self.shown = now, True
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        if total:
            share = min(done / total, 1.0)
            bar = "█" * int(share * self.width) + "░" * (self.width - int(share * self.width))
            line = f"{file}  {bar} {share:4.0%}  {done:,} rows  {rate:,.0f} rows/s"
        else:
            line = f"{file}  {done:,} rows  {rate:,.0f} rows/s"
        self.stream.write("\r" + line[:120].ljust(80))
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line, if one was drawn."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
        self.shown = False
        self.started = time.monotonic()
