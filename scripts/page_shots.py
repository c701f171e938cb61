"""Screenshots of every page in both languages at 1366×768 (a leader's laptop), for docs/.

    python scripts/page_shots.py --db data/warehouse.duckdb --out docs/screenshots/1366 [--port N]

Serves app.py on localhost (tests/pages/browser_helpers.serve) and drives Debian's chromium,
signed in as an administrator of its own (added to skilltrack.sqlite beside the warehouse once).
Each page is shot as the viewport shows it (what fits without scrolling) and whole.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from access import accounts  # noqa: E402
from access.exceptions import AccessError  # noqa: E402
from catalogue.region_scope import EVERYWHERE  # noqa: E402
from tests.pages.browser_helpers import IDLE, browser, render, screenshot, serve  # noqa: E402

ADMIN = ("page-shots", "page-shots-password")  # an administrator sees every page

VISITS = [
    ("overview", ""),
    ("programmes", "programme=kaili-2024/qianlv-tourism"),
    ("towns", "plan=kaili-2024-2025"),
    ("institutions", ""),
    ("subsidy", ""),
    ("data", ""),
    ("briefing", ""),
    ("audit", ""),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--port", type=int)
    args = parser.parse_args()
    log = args.out / "serve.log"
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        state = args.db.parent / "skilltrack.sqlite"
        accounts.add_user(state, ADMIN[0], "admin", EVERYWHERE, ADMIN[1])
    except AccessError:
        pass  # added by an earlier run
    with serve(args.db, log, port=args.port) as url, browser() as tab:
        for name, query in VISITS:
            for lang in ("zh", "en"):
                rendered = render(tab, url, name, query, user=ADMIN, timeout_ms=180_000)
                if lang == "en":
                    tab.get_by_text("English", exact=True).click()
                    tab.wait_for_timeout(500)
                    tab.wait_for_selector(IDLE, timeout=60_000)
                    tab.wait_for_timeout(1500)
                shot = args.out / f"{name}-{lang}.png"
                screenshot(tab, shot)
                screenshot(tab, args.out / f"{name}-{lang}-full.png", full=True)
                print(shot, f"{rendered.seconds:.1f}s", rendered.exceptions or "")
    log.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
