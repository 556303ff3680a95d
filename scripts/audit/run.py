"""make audit: Lighthouse, axe and page weight on the seeded demo, served as in production.

    .venv/bin/python -m scripts.audit.run [--keep DIR] [--port N] [--only PAGE,...] [--no-lighthouse]

What it does:

1. A private demo in a temp folder (or --keep DIR, reused between runs while fixing): migrate and
   ``seed_demo --allow-production`` under the production settings (SQLite, the file cache, tasks run
   in the request), ``collectstatic`` (WhiteNoise's compressed manifest storage: hashed names, gzip and
   brotli files beside them), then gunicorn with gunicorn.conf.py, DEBUG off; the uploaded media are
   served beside the app as a bucket or proxy would serve them (scripts/audit/wsgi.py).
2. Lighthouse (scripts/audit/lighthouse.mjs, npm's lighthouse on Debian's Chromium) on the signed-out
   pages with the mobile and desktop presets. A page below the performance line on mobile gets two
   more performance runs and its median counts (Lighthouse's performance score is noisy on a loaded
   2-core machine; the line itself never moves).
3. axe-core (axe-playwright-python) on the same pages signed out, signed in as a demo member (plus
   notifications, new thread, cart with a product in it, checkout) and the triage board as the product
   team (mira), each in the light and the dark colour scheme (the ``color_scheme`` cookie the toggle
   sets, and the browser's preference to match).
4. The thread page's HTML weight.
5. One table (scripts/audit/report.py), every failure below it, and the exit code: 1 below the line.

Results as JSON in test-artifacts/audit/ (Lighthouse records, axe violations, the table).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from scripts.audit import report

ROOT = Path(__file__).resolve().parent.parent.parent
AUDIT_DIR = ROOT / "scripts" / "audit"
OUT_DIR = ROOT / "test-artifacts" / "audit"
PY = sys.executable
MEMBER = "leo"
TEAM = "mira"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def log(message: str) -> None:
    print(f"audit: {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(var_dir: Path, base_url: str) -> dict[str, str]:
    """What an operator sets for the production settings, on SQLite with everything in one process."""
    keep = {k: v for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "STRIPE_", "ELASTICSEARCH_", "EMAIL_"))}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "community.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback; Chromium treats it as a secure origin
        # Production refuses the console backend; nothing in the audit sends mail (a closed port).
        "EMAIL_URL": "smtp://127.0.0.1:9",
        "TASKS_BACKEND": "immediate",
        "CANOPY_VAR_DIR": str(var_dir),
        "SITE_URL": base_url,
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def manage(env: dict, *args: str, log_path: Path) -> None:
    with log_path.open("a") as out:
        result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode:
        tail = log_path.read_text().splitlines()[-30:]
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n" + "\n".join(tail))


def prepare_site(work: Path, env: dict) -> None:
    """Migrate and seed (once per folder), and collect the static files (every time: they change)."""
    seeded = work / "seeded"
    started = time.monotonic()
    collect = subprocess.Popen(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0", "--clear"],
        cwd=ROOT, env=env, stdout=(work / "collectstatic.log").open("w"), stderr=subprocess.STDOUT,
    )
    manage(env, "migrate", "--noinput", "-v0", log_path=work / "migrate.log")
    if not seeded.exists():
        manage(env, "seed_demo", "--allow-production", log_path=work / "seed.log")
        seeded.touch()
    if collect.wait():
        raise SystemExit("collectstatic failed:\n" + (work / "collectstatic.log").read_text()[-3000:])
    log(f"demo migrated, seeded and static files collected in {time.monotonic() - started:.0f} s")


@contextlib.contextmanager
def gunicorn(env: dict, port: int, work: Path):
    server_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2",
                  "GUNICORN_ACCESS_LOG": "off", "GUNICORN_MAX_REQUESTS": "0"}
    with socket.socket() as probe:  # a server left on the port would answer for us: refuse instead
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds (TIME_WAIT is fine)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise SystemExit(f"port {port} is taken: stop what listens there or leave --port out") from None
    log_file = (work / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "-c", "gunicorn.conf.py", "scripts.audit.wsgi:application"],
        cwd=ROOT, env=server_env, stdout=log_file, stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {process.returncode}: see {work / 'gunicorn.log'}")
            with contextlib.suppress(OSError), urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not answer /healthz within 180 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
        if process.poll() is None:
            process.kill()
        log_file.close()


def discover_pages(env: dict) -> dict:
    result = subprocess.run([PY, "-m", "scripts.audit.pages"], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"could not pick the pages to audit:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


# --- Lighthouse ---------------------------------------------------------------------------------------


def check_npm_tools() -> None:
    """Lighthouse comes from scripts/audit/node_modules, which `make audit` installs with npm ci."""
    if not (AUDIT_DIR / "node_modules" / "lighthouse").is_dir():
        raise SystemExit("Lighthouse is not installed: run `make audit` (it runs npm ci in scripts/audit/)")
    if not shutil.which("node"):
        raise SystemExit("Node.js is needed for Lighthouse: apt-get install -y nodejs npm")


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROME_PATH"), os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("Chromium not found: apt-get install -y chromium (or set CHROME_PATH)")


def lighthouse(pages: list[dict], presets: list[str], *, runs: int, categories: list[str] | None, work: Path) -> list:
    job = work / f"lighthouse-job-{time.monotonic_ns()}.json"
    out = job.with_suffix(".out.json")
    job.write_text(json.dumps({"pages": pages, "presets": presets, "runs": runs,
                               **({"categories": categories} if categories else {})}))
    env = {**os.environ, "CHROME_PATH": chromium_path(), "PUPPETEER_SKIP_DOWNLOAD": "1"}
    subprocess.run(["node", str(AUDIT_DIR / "lighthouse.mjs"), str(job), str(out)], cwd=AUDIT_DIR, env=env, check=True)
    return json.loads(out.read_text())


def run_lighthouse(base_url: str, signed_out: dict[str, str], work: Path) -> list[dict]:
    pages = [{"name": name, "url": base_url + path} for name, path in signed_out.items()]
    started = time.monotonic()
    records = lighthouse(pages, list(report.PRESETS), runs=1, categories=None, work=work)
    again = report.needs_more_runs(report.combine_lighthouse(records), runs=3)
    for preset in report.PRESETS:
        names = [page for page, p in again if p == preset]
        if names:
            log(f"performance below the line on {preset} for {', '.join(names)}: two more runs, the median counts")
            subset = [page for page in pages if page["name"] in names]
            records += lighthouse(subset, [preset], runs=2, categories=["performance"], work=work)
    log(f"Lighthouse: {len(records)} runs in {time.monotonic() - started:.0f} s")
    return records


# --- axe ----------------------------------------------------------------------------------------------


def run_axe(base_url: str, pages: dict) -> list[report.AxeResult]:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    results: list[report.AxeResult] = []
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            for scheme in report.SCHEMES:
                for person, username, paths in (
                    ("signed_out", None, pages["signed_out"]),
                    ("signed_in", MEMBER, pages["signed_in"]),
                    ("team", TEAM, pages["team"]),
                ):
                    context = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme)
                    context.add_cookies([{"name": "color_scheme", "value": scheme, "url": base_url}])
                    context.set_default_timeout(20_000)
                    page = context.new_page()
                    try:
                        if username:
                            sign_in(page, base_url, username)
                        if "checkout" in paths:
                            fill_cart(page, base_url, pages["signed_out"]["product"])
                        for name, path in paths.items():
                            results.append(axe_page(axe, page, base_url + path, name, person, scheme))
                    finally:
                        context.close()
        finally:
            browser.close()
    log(f"axe: {len(results)} pages in {time.monotonic() - started:.0f} s")
    return results


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(os.environ.get("DEMO_PASSWORD", "canopy-demo-2026"))
    page.locator("form").filter(has=page.locator("#id_password")).locator("button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise SystemExit(f"{username} could not sign in to the audit's demo")


def fill_cart(page, base_url: str, product_path: str) -> None:
    """Put the product in the member's cart, as a person would, so checkout shows its form."""
    page.goto(base_url + product_path)
    page.get_by_role("button", name=re.compile("add to cart", re.I)).first.click()
    page.wait_for_load_state()


def axe_page(axe, page, url: str, name: str, person: str, scheme: str) -> report.AxeResult:
    result = report.AxeResult(page=name, person=person, scheme=scheme)
    try:
        response = page.goto(url)
        if response is None or response.status >= 400:
            result.error = f"{url} answered {response and response.status}"
            return result
        page.wait_for_load_state("load")
        result.violations = report.summarise_violations(axe.run(page).response.get("violations") or [])
    except Exception as error:  # a page that cannot be audited is a failure, reported
        result.error = f"{type(error).__name__}: {error}".splitlines()[0][:300]
    return result


# --- Weight -------------------------------------------------------------------------------------------


def thread_html_bytes(base_url: str, path: str) -> int:
    """The thread page's HTML as served, before compression (what a reader's browser parses)."""
    request = urllib.request.Request(base_url + path, headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return len(response.read())


# --- Main ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", help="a folder to keep the seeded demo in between runs (seeded once)")
    parser.add_argument("--port", type=int, default=0, help="the port gunicorn listens on (default: a free one)")
    parser.add_argument("--only", default="", help="audit only these pages (comma-separated names)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (axe and weight only)")
    parser.add_argument("--no-axe", action="store_true", help="skip axe (Lighthouse and weight only)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="canopy-audit-"))
    work.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    env = production_env(work / "var", f"http://127.0.0.1:{port}")
    try:
        if not args.no_lighthouse:
            check_npm_tools()
        prepare_site(work, env)
        pages = discover_pages(env)
        if args.only:
            wanted = set(args.only.split(","))
            for group in ("signed_out", "signed_in", "team"):
                pages[group] = {name: path for name, path in pages[group].items() if name in wanted}
        with gunicorn(env, port, work) as base_url:
            records = [] if args.no_lighthouse else run_lighthouse(base_url, pages["signed_out"], work)
            axe_results = [] if args.no_axe else run_axe(base_url, pages)
            html_bytes = thread_html_bytes(base_url, pages["thread_posts"]["path"])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    lighthouse_results = report.combine_lighthouse(records)
    problems = report.failures(lighthouse_results, axe_results, html_bytes)
    text = report.table(lighthouse_results, axe_results, html_bytes)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "lighthouse.json").write_text(json.dumps(records, indent=1))
    (OUT_DIR / "axe.json").write_text(json.dumps([vars(result) for result in axe_results], indent=1))
    (OUT_DIR / "table.txt").write_text(text + "\n\n" + "\n".join(problems) + "\n")
    print(text)
    print()
    if problems:
        print(f"BELOW THE LINE ({len(problems)}):")
        for problem in problems:
            print(f"  {problem}")
    else:
        print("audit: every page is on or above the line")
    print(f"audit took {time.monotonic() - started:.0f} s; details in {OUT_DIR.relative_to(ROOT)}/")
    return report.exit_code(problems)


if __name__ == "__main__":
    sys.exit(main())
