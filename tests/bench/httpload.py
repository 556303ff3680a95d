"""Through gunicorn: start it (2 workers, the dev settings with DEBUG=0, the same database), load each
page with a pool of client threads for a fixed time, and report requests per second and latency.

gunicorn's sync workers close the connection after every response, so each request opens a new TCP
connection (as a client behind no keep-alive proxy would); http.client reopens it by itself."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from tests.bench.inprocess import PageError, client_for
from tests.bench.pages import ANONYMOUS, Discovery
from tests.bench.stats import summary_ms

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[2]


class ServerError(RuntimeError):
    """gunicorn did not start, or died."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _gunicorn_env(port: int, workers: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "community.settings.dev",
            "DEBUG": "0",
            "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
            "GUNICORN_BIND": f"{HOST}:{port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_THREADS": "1",
            "GUNICORN_MAX_REQUESTS": "0",  # no worker recycling in the middle of a measurement
            "GUNICORN_ACCESS_LOG": "off",
            "GUNICORN_LOG_LEVEL": "warning",
            "LOG_LEVEL": "WARNING",
        }
    )
    if not env["DATABASE_URL"]:
        env.pop("DATABASE_URL")
    return env


def _healthy(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=2)
        conn.request("GET", "/healthz")
        ok = conn.getresponse().status == 200
        conn.close()
        return ok
    except OSError:
        return False


@contextmanager
def gunicorn(*, workers: int = 2, log_path: Path, start_timeout: float = 60.0):
    """Yields the port of a running gunicorn; stops it (SIGTERM, then SIGKILL) on the way out."""
    port = free_port()
    executable = Path(sys.executable).with_name("gunicorn")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(executable), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=_gunicorn_env(port, workers),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + start_timeout
            while not _healthy(port):
                if process.poll() is not None:
                    raise ServerError(f"gunicorn exited with {process.returncode} (see {log_path})")
                if time.monotonic() > deadline:
                    raise ServerError(
                        f"gunicorn did not answer /healthz in {start_timeout:.0f} s (see {log_path})"
                    )
                time.sleep(0.2)
            yield port
            if process.poll() is not None:
                raise ServerError(f"gunicorn died during the run (see {log_path})")
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def session_cookie(visitor: str, discovery: Discovery) -> str:
    """A signed-in visitor's session, made in process (force_login writes the session row)."""
    if visitor == ANONYMOUS:
        return ""
    client = client_for(visitor, discovery)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def load(port: int, url: str, *, cookie: str, seconds: float, concurrency: int) -> dict:
    """Requests from ``concurrency`` threads for ``seconds``: counts, statuses and latencies."""
    headers = {"Host": f"{HOST}:{port}", "Cookie": cookie} if cookie else {"Host": f"{HOST}:{port}"}
    timings: list[float] = []
    statuses: dict[int, int] = {}
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker():
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine: list[float] = []
        codes: dict[int, int] = {}
        try:
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                try:
                    conn.request("GET", url, headers=headers)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()
                    with lock:
                        failures.append(repr(exc))
                    continue
                mine.append(time.perf_counter() - started)
                codes[response.status] = codes.get(response.status, 0) + 1
                if response.will_close:
                    conn.close()
        finally:
            conn.close()
            with lock:
                timings.extend(mine)
                for code, count in codes.items():
                    statuses[code] = statuses.get(code, 0) + count

    began = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ok = statuses.get(200, 0)
    return {
        "rps": round(ok / elapsed, 1),
        "requests": sum(statuses.values()),
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "connection_errors": len(failures),
        "first_error": failures[0] if failures else "",
        "seconds": round(elapsed, 2),
        "concurrency": concurrency,
        **(summary_ms(timings) if timings else {"median_ms": None, "p95_ms": None, "samples": 0}),
    }


def run(
    discovery: Discovery,
    *,
    seconds: float = 10.0,
    warmup_seconds: float = 1.0,
    concurrency: int = 4,
    workers: int = 2,
    log_path: Path,
    pages: set[str] | None = None,
    progress=None,
) -> list[dict]:
    """One row per page x visitor. Raises PageError when a page answers anything but 200."""
    cookies = {}
    rows = []
    with gunicorn(workers=workers, log_path=log_path) as port:
        for page in discovery.pages:
            if pages is not None and page.key not in pages:
                continue
            for visitor in page.visitors:
                cookie = cookies.get(visitor)
                if cookie is None:
                    cookie = cookies.setdefault(visitor, session_cookie(visitor, discovery))
                load(port, page.url, cookie=cookie, seconds=warmup_seconds, concurrency=concurrency)
                figures = load(port, page.url, cookie=cookie, seconds=seconds, concurrency=concurrency)
                bad = {code: n for code, n in figures["statuses"].items() if code != "200"}
                if bad or not figures["samples"] or figures["connection_errors"]:
                    status = int(next(iter(bad), 0) or 0)
                    detail = (
                        f"statuses {figures['statuses']}, connection errors {figures['connection_errors']}"
                    )
                    if figures["first_error"]:
                        detail += f" (first: {figures['first_error']})"
                    raise PageError(page.key, visitor, page.url, status, f"through gunicorn: {detail}")
                row = {"page": page.key, "label": page.label, "visitor": visitor, "url": page.url, **figures}
                rows.append(row)
                if progress:
                    progress(row)
    return rows
