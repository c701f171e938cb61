"""Serving app.py on localhost and driving it with Playwright + Debian's chromium.

Used by test_page_browser.py and bench/dashboard_bench.py. Never `playwright install`: the
browser is /usr/bin/chromium (apt-get install chromium, as .ci/run does).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ui.pages import PAGES as REGISTERED

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SKILLTRACK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 768}
# page url path (ui.pages) → how many Plotly charts it draws once rendered
PAGES = {
    "overview": 1,
    "programmes": 4,
    "towns": 2,
    "institutions": 1,
    "subsidy": 0,
    "data": 0,
    "briefing": 0,
    "audit": 0,
}
assert set(PAGES) == {p.key for p in REGISTERED}, "a page of ui.pages without its chart count"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'
SIGN_IN_FORM = '[data-testid="stForm"]'
DEMO_PASSWORD = "browser-demo-password"  # $SKILLTRACK_DEMO_PASSWORD of the served dashboard


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"no chromium at {CHROMIUM}: apt-get install chromium (as .ci/run does)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: make test installs requirements-dev.txt"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serve(db: Path, log: Path, timeout: float = 60.0, port: int | None = None) -> Iterator[str]:
    """`python -m dashboard.serve` (streamlit run app.py, warmed up; what `make run` starts) on
    a free localhost port reading db, its accounts in skilltrack.sqlite beside it and the demo
    accounts' password DEMO_PASSWORD; yields its base URL."""
    port = port or free_port()
    env = {
        **os.environ,
        "SKILLTRACK_DB": str(db),
        "SKILLTRACK_NO_DEMO": "1",
        "SKILLTRACK_STATE": str(db.parent / "skilltrack.sqlite"),
        "SKILLTRACK_DEMO_PASSWORD": DEMO_PASSWORD,
    }
    cmd = [
        sys.executable, "-m", "dashboard.serve",
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {log}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@contextmanager
def browser() -> Iterator[Any]:
    """A Playwright page on Debian's chromium at 1366×768."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b.new_page(viewport=VIEWPORT, locale="zh-CN")
        finally:
            b.close()


@dataclass
class Rendered:
    page: str
    seconds: float  # from navigation to the script idle with every chart drawn
    exceptions: list[str]


def sign_in(page: Any, name: str, password: str, timeout_ms: int = 60_000) -> None:
    """Fill the sign-in page's form and submit it."""
    page.wait_for_selector(SIGN_IN_FORM, timeout=timeout_ms)
    page.get_by_label("用户名", exact=True).fill(name)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=timeout_ms)


def render(
    page: Any,
    url: str,
    name: str,
    query: str = "",
    timeout_ms: int = 60_000,
    user: tuple[str, str] | None = None,
    charts: int | None = None,
) -> Rendered:
    """Open one page (a new session: signed in as `user` on the sign-in page it shows) and
    wait until its script is idle and its charts (PAGES', or `charts`) drawn."""
    started = time.monotonic()
    page.goto(f"{url}/{'' if name == 'overview' else name}{'?' + query if query else ''}")
    if user is not None:
        sign_in(page, *user, timeout_ms=timeout_ms)
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=timeout_ms)
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    charts = PAGES.get(name, 0) if charts is None else charts
    if charts:
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
            timeout=timeout_ms,
        )
    seconds = time.monotonic() - started
    errors = [e.inner_text()[:500] for e in page.query_selector_all(EXCEPTION)]
    return Rendered(name, seconds, errors)


def screenshot(page: Any, path: Path, *, full: bool = False) -> None:
    """The viewport, or the whole page (the main block scrolls, so the viewport is grown)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not full:
        page.screenshot(path=str(path))
        return
    height = page.evaluate(
        "document.querySelector('[data-testid=\"stMainBlockContainer\"]').scrollHeight"
    )
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 140, 8000)})
    page.wait_for_timeout(800)  # charts re-layout to the new size
    page.screenshot(path=str(path))
    page.set_viewport_size(VIEWPORT)
