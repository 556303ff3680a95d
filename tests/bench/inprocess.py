"""In-process measurement: django.test.Client against the configured database, no network.

For each page and visitor: a warm-up, then one request under CaptureQueriesContext (query count and
response size), then ``iterations`` timed requests (time.perf_counter around each)."""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bench.pages import ANONYMOUS, Discovery
from tests.bench.stats import summary_ms

HOST = "127.0.0.1"  # in ALLOWED_HOSTS of the dev settings (the test client's "testserver" is not)


@dataclass
class PageError(Exception):
    page: str
    visitor: str
    url: str
    status: int
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.page} as {self.visitor}: {self.url} answered {self.status or 'nothing'} {self.detail}".strip()


def client_for(visitor: str, discovery: Discovery) -> Client:
    client = Client(HTTP_HOST=HOST)
    if visitor != ANONYMOUS:
        client.force_login(discovery.people[visitor])
    return client


def _get(client: Client, page, visitor: str):
    response = client.get(page.url)
    if response.status_code != 200:
        raise PageError(page.key, visitor, page.url, response.status_code)
    return response


class _ErrorRecorder(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def failing_on_logged_errors(page, visitor: str):
    """A page that answers 200 but logs an error (a search that failed and shows "unavailable")
    measures the error path, not the page: it fails the run like a 500 would."""
    recorder = _ErrorRecorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    try:
        yield
    finally:
        root.removeHandler(recorder)
    if recorder.records:
        first = recorder.records[0]
        raise PageError(
            page.key, visitor, page.url, 200, f"but logged an error ({first.name}: {first.getMessage()})"
        )


def measure_page(client: Client, page, visitor: str, *, iterations: int, warmup: int) -> dict:
    with failing_on_logged_errors(page, visitor):
        return _measure(client, page, visitor, iterations=iterations, warmup=warmup)


def _measure(client: Client, page, visitor: str, *, iterations: int, warmup: int) -> dict:
    for _ in range(warmup):
        _get(client, page, visitor)
    with CaptureQueriesContext(connection) as captured:
        response = _get(client, page, visitor)
    # Read them now: every request starts with reset_queries(), which empties the log.
    sql = [query["sql"] for query in captured.captured_queries]
    size = len(response.content)
    timings = []
    for _ in range(iterations):
        started = time.perf_counter()
        _get(client, page, visitor)
        timings.append(time.perf_counter() - started)
    return {
        **summary_ms(timings),
        "queries": len(sql),
        "bytes": size,
        "sql": sql,
    }


def run(discovery: Discovery, *, iterations: int = 200, warmup: int = 5, progress=None) -> list[dict]:
    """One row per page x visitor. Raises PageError on the first answer that is not a 200."""
    clients: dict[str, Client] = {}
    rows = []
    for page in discovery.pages:
        for visitor in page.visitors:
            client = clients.get(visitor) or clients.setdefault(visitor, client_for(visitor, discovery))
            figures = measure_page(client, page, visitor, iterations=iterations, warmup=warmup)
            row = {"page": page.key, "label": page.label, "visitor": visitor, "url": page.url, **figures}
            rows.append(row)
            if progress:
                progress(row)
    return rows
