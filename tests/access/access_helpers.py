"""What the access tests share (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

PASSWORD = "correct-horse-9"
