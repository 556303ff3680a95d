"""Playwright on Debian's Chromium (playwright cannot download its own browsers here).

Run with ``make test-browser``. Each test gets pytest-django's ``live_server`` and
pytest-playwright's ``page``; screenshots go to ``test-artifacts/``. Browser tests are transactional
(the live server runs in another thread), so they use ``serialized_rollback=True``: the rows that
migrations create (the Wagtail site and home page, the feedback statuses) are restored before each.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright in one process

ARTIFACTS_DIR = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = _chromium_path()
    if path is None:
        pytest.fail("Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)")
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_FLAGS}


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(autouse=True)
def _browser_defaults(page):
    page.set_default_timeout(10_000)
    yield
