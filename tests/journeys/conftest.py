"""Journeys: one person's story across the apps, in Chromium, on the demo that ``make run`` seeds.

The suite does what a newcomer does: a fresh ``var`` folder, ``migrate``, ``seed_demo``, then the
development server (``manage.py runserver``, as ``make run`` starts it) on a free port, with
``SITE_URL`` set the way ``make run`` sets it. Mail goes to a local SMTP sink (tests/smoke/smtp_sink.py)
so a journey can open the link in a mail exactly as a person would. Nothing here uses pytest-django's
test database: the server's database is the seeded demo.

Screenshots (full page, 1366 and 390 px wide, light and dark) go to ``var/journeys/<journey>/``; each
asserts that the page does not overflow horizontally (``scrollWidth <= clientWidth``).

Run with ``make test-journeys``.
"""

import contextlib
import email
import email.policy
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM_FLAGS, _chromium_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOTS_DIR = ROOT / "var" / "journeys"
WIDTHS = {"desktop": 1366, "phone": 390}
SCHEMES = ("light", "dark")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, *, seconds: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:3]} exited with {process.returncode} before answering")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {seconds:.0f} s")


@dataclass
class DemoSite:
    url: str
    env: dict
    mail_dir: Path
    log_path: Path
    password: str = field(default="canopy-demo-2026")

    def manage(self, *args: str) -> str:
        """Run a management command against the demo database (for what a person would do in a shell)."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=True
        )
        return result.stdout

    def mails(self) -> list[email.message.EmailMessage]:
        messages = []
        for path in sorted(self.mail_dir.glob("*.eml")):
            messages.append(email.message_from_bytes(path.read_bytes(), policy=email.policy.default))
        return messages

    def mails_to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.mails() if address.lower() in str(m["To"]).lower()]

    def wait_for_mail(self, address: str, *, subject: str = "", seconds: float = 10) -> email.message.EmailMessage:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for message in reversed(self.mails_to(address)):
                if subject.lower() in str(message["Subject"]).lower():
                    return message
            time.sleep(0.2)
        subjects = [str(m["Subject"]) for m in self.mails_to(address)]
        raise AssertionError(f"no mail to {address} with {subject!r} in the subject; got {subjects}")


def mail_text(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> DemoSite:
    if os.environ.get("JOURNEY_KEEP"):
        # Keep the seeded demo and its server between runs while writing a journey:
        # JOURNEY_KEEP=/tmp/journey-demo make test-journeys (delete the folder to start afresh).
        yield from _kept_site(Path(os.environ["JOURNEY_KEEP"]))
        return
    yield from _fresh_site(tmp_path_factory.mktemp("demo"))


def _kept_site(root: Path):
    state = root / "site.txt"
    if state.exists():
        url, mail_dir = state.read_text().split()
        with contextlib.suppress(OSError), urllib.request.urlopen(url + "/healthz", timeout=2):
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "community.settings.dev",
                   "CANOPY_VAR_DIR": str(root / "var"), "SITE_URL": url}
            yield DemoSite(url=url, env=env, mail_dir=Path(mail_dir), log_path=root / "server.log")
            return
    root.mkdir(parents=True, exist_ok=True)
    generator = _fresh_site(root, keep=True)
    site = next(generator)
    state.write_text(f"{site.url} {site.mail_dir}")
    yield site


def _fresh_site(root: Path, keep: bool = False):
    port, mail_port = free_port(), free_port()
    mail_dir = root / "mail"
    mail_dir.mkdir(exist_ok=True)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "STRIPE_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "community.settings.dev",
        "CANOPY_VAR_DIR": str(root / "var"),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_URL": f"smtp://127.0.0.1:{mail_port}",
        "PYTHONUNBUFFERED": "1",
    }
    log_path = root / "server.log"
    processes: list[subprocess.Popen] = []
    try:
        sink = subprocess.Popen(
            [sys.executable, "-m", "tests.smoke.smtp_sink", "--port", str(mail_port), "--folder", str(mail_dir)],
            cwd=ROOT,
            env=env,
        )
        processes.append(sink)
        for command in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        # The seed's own mail is not part of any journey.
        for path in mail_dir.glob("*.eml"):
            path.unlink()
        with log_path.open("w") as log:
            server = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        processes.append(server)
        _wait_for(f"http://127.0.0.1:{port}/healthz", seconds=60, process=server)
        yield DemoSite(url=f"http://127.0.0.1:{port}", env=env, mail_dir=mail_dir, log_path=log_path)
    finally:
        for process in reversed(processes if not keep else []):
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = _chromium_path()
    if path is None:
        pytest.fail("Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)")
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_FLAGS}


class Person:
    """One person's browser: a context of their own (cookies), a page, and screenshots at both widths."""

    def __init__(self, browser, site: DemoSite, journey: str, name: str):
        self.site = site
        self.name = name
        self.context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900})
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.folder = SCREENSHOTS_DIR / journey
        self.shots = 0
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def goto(self, path: str):
        response = self.page.goto(path if path.startswith("http") else self.site.url + path)
        assert response is not None and response.status < 400, f"{path} answered {response and response.status}"
        return response

    def sign_in(self, username: str, password: str | None = None) -> None:
        self.goto("/accounts/login/")
        self.page.locator("#id_login").fill(username)
        self.page.locator("#id_password").fill(password or self.site.password)
        self.page.locator("form").filter(has=self.page.locator("#id_password")).locator(
            "button[type=submit]"
        ).click()
        self.page.wait_for_load_state()
        assert "/accounts/login/" not in self.page.url, f"{username} could not sign in"

    def shot(self, label: str) -> None:
        """Full-page screenshots at 1366 and 390 px wide, in the light and the dark colour scheme, and no
        horizontal overflow in any of them (the page is no wider than its viewport).

        The dark shots switch the scheme as the header's toggle does (``data-color-scheme`` on <html>),
        without the cookie, and put back what the person had."""
        self.shots += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        original = self.page.viewport_size
        scheme = self.page.evaluate("() => document.documentElement.getAttribute('data-color-scheme')")
        overflowing = []
        try:
            for colours in SCHEMES:
                self._set_scheme(colours)
                for device, width in WIDTHS.items():
                    self.page.set_viewport_size({"width": width, "height": 900})
                    self.page.wait_for_timeout(50)
                    suffix = "" if colours == "light" else "-dark"
                    path = self.folder / f"{self.shots:02d}-{label}-{device}{suffix}.png"
                    self.page.screenshot(path=str(path), full_page=True)
                    scroll, client = self.page.evaluate(
                        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                    )
                    if scroll > client:
                        overflowing.append(f"{path.name}: scrollWidth {scroll} > clientWidth {client}")
        finally:
            self._set_scheme(scheme)
            self.page.set_viewport_size(original)
        assert not overflowing, f"horizontal overflow on {self.page.url}: {overflowing}"

    def _set_scheme(self, scheme: str | None) -> None:
        self.page.evaluate(
            "(scheme) => scheme === null ? document.documentElement.removeAttribute('data-color-scheme')"
            " : document.documentElement.setAttribute('data-color-scheme', scheme)",
            scheme,
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def people(browser, demo_site, request):
    journey = re.sub(r"\[chromium-?|\]", lambda m: "-" if m.group().endswith("-") else "", request.node.name)
    journey = journey.removeprefix("test_").rstrip("-")
    opened: list[Person] = []

    def open_person(name: str) -> Person:
        person = Person(browser, demo_site, journey, name)
        opened.append(person)
        return person

    yield open_person
    for person in opened:
        person.close()
