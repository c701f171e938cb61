"""Small, deliberately messy sample ledgers (data/samples/) and the counts a load must give.

Three files, hand-built row by row, each row tagged with what the loader must do with it
(CONTRACT §2): loaded, duplicate, skipped (repeated header, totals row) or rejected with its
reasons in the contract's order. Entirely blank rows are not rows. EXPECTED.json and EXPECTED.md
are written from the same tags. The cells are fixed, so the counts never depend on the seed;
the seed only varies the valid trainees' names and numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import xlsxwriter

from demo.sample_data import DONGNING, KAILI, LINSHU
from demo.sample_rows import People, SampleFile, build_sample
from etl.fields import REASONS

COUNTS = ("rows", "loaded", "duplicates", "rejected", "skipped")
FIXED_TIME = datetime(2024, 12, 20, 9, 0, 0)  # document properties, so reruns write equal files


def samples(seed: int = 0) -> list[SampleFile]:
    """The sample ledgers, rows tagged with their expected outcome."""
    return [
        build_sample(spec, People(spec.prefix, np.random.default_rng([seed, 100 + i])))
        for i, spec in enumerate((KAILI, LINSHU, DONGNING))
    ]


def write_samples(out_dir: Path, seed: int = 0) -> list[Path]:
    """Write the sample ledgers and EXPECTED.json / EXPECTED.md into out_dir; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    files = samples(seed)
    for sample in files:
        path = out_dir / sample.file_name
        if sample.encoding == "xlsx":
            _write_xlsx(path, sample)
        else:
            _write_csv(path, sample)
        paths.append(path)
    expected = {s.file_name: expected_counts(s) for s in files}
    for name, text in (
        ("EXPECTED.json", json.dumps(expected, ensure_ascii=False, indent=2) + "\n"),
        ("EXPECTED.md", _markdown(files, expected)),
    ):
        (out_dir / name).write_text(text, encoding="utf-8")
        paths.append(out_dir / name)
    return paths


def expected_counts(sample: SampleFile) -> dict[str, Any]:
    """The load summary the contract requires for this file, and each counted row's fate."""
    counted = [r for r in sample.rows if r.outcome != "blank"]
    outcomes = Counter(r.outcome for r in counted)
    reasons = Counter(r.reasons[0] for r in counted if r.outcome == "rejected")
    return {
        "rows": len(counted),
        "loaded": outcomes["loaded"],
        "duplicates": outcomes["duplicate"],
        "rejected": outcomes["rejected"],
        "skipped": outcomes["skipped"],
        "reasons": {code: reasons[code] for code in REASONS if code in reasons},
        "header_row": sample.header_row,
        "by_row": {
            str(r.line): {"outcome": r.outcome, "reasons": list(r.reasons), "why": r.why}
            for r in counted
        },
    }


def _write_csv(path: Path, sample: SampleFile) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for title in sample.titles:
        writer.writerow([title] + [""] * (len(sample.headers) - 1))
    writer.writerow(sample.headers)
    for row in sample.rows:
        cells = row.cells or ("",) * len(sample.headers)
        writer.writerow(["" if c is None else str(c) for c in cells])
    path.write_bytes(buf.getvalue().encode(sample.encoding))


def _write_xlsx(path: Path, sample: SampleFile) -> None:
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": FIXED_TIME, "author": "凯里市人力资源和社会保障局"})
    ws = wb.add_worksheet("实名制台账")
    title = wb.add_format({"bold": True, "font_size": 16, "align": "center"})
    header = wb.add_format({"bold": True, "text_wrap": True, "align": "center", "border": 1})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    last_col = len(sample.headers) - 1
    ws.merge_range(0, 0, 0, last_col, sample.titles[0], title)
    ws.merge_range(1, 0, 1, last_col, sample.titles[1])
    for first, last, text in sample.groups:
        ws.merge_range(2, first, 2, last, text, header)
    ws.write_row(3, 0, sample.headers, header)
    for row in sample.rows:
        for col, cell in enumerate(row.cells):
            r = row.line - 1
            if cell is None:
                continue
            if isinstance(cell, date):
                ws.write_datetime(r, col, datetime(cell.year, cell.month, cell.day), day)
            elif isinstance(cell, (int, float)):
                ws.write_number(r, col, cell)
            else:
                ws.write_string(r, col, cell)
    wb.close()


def _markdown(files: list[SampleFile], expected: dict[str, dict[str, Any]]) -> str:
    lines = [
        "# Sample ledgers: what a load must report",
        "",
        "Written by `demo.samples.write_samples()`; regenerate with",
        '`python -c "from pathlib import Path; from demo.generate import write_samples; '
        "write_samples(Path('data/samples'))\"`.",
        "Row numbers are 1-based lines of the file (rows of the sheet). Entirely blank rows are",
        "not rows. A rejected row counts once, under its first reason in the contract's order.",
        "`date_future` rows use the year 2052, so the counts hold for loads before then.",
        "",
    ]
    for s in files:
        e = expected[s.file_name]
        lines += [f"## {s.file_name}", "", s.description, ""]
        lines += [
            "| rows | loaded | duplicates | rejected | skipped |",
            "|---:|---:|---:|---:|---:|",
            "| " + " | ".join(str(e[k]) for k in COUNTS) + " |",
            "",
            f"Header on row {e['header_row']}. Reasons (first reason): "
            + ", ".join(f"{k} {v}" for k, v in e["reasons"].items()),
            "",
            "| row | outcome | reasons | why |",
            "|---:|---|---|---|",
        ]
        for r in s.rows:
            if r.outcome != "blank":
                lines.append(f"| {r.line} | {r.outcome} | {', '.join(r.reasons)} | {r.why} |")
        blanks = [str(r.line) for r in s.rows if r.outcome == "blank"]
        lines += ["", f"Blank rows (not counted): {', '.join(blanks) or 'none'}.", ""]
    return "\n".join(lines)
