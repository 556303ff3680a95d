"""Targets (issue #8), the machine description, the printed tables and the JSON document."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from datetime import UTC, datetime

import django

from tests.bench.visitors import ANONYMOUS

# Median latency in process (ms), per page and visitor kind; SQL queries per page; gunicorn throughput.
MEDIAN_MS = {
    "board_index": {ANONYMOUS: 15, "signed_in": 15},
    "board_first": {ANONYMOUS: 10, "signed_in": 10},
    "board_deep": {ANONYMOUS: 10, "signed_in": 10},
    "thread_first": {ANONYMOUS: 10, "signed_in": 15},
    "thread_last": {ANONYMOUS: 10, "signed_in": 15},
}
MAX_QUERIES = {ANONYMOUS: 5, "signed_in": 8}
MIN_RPS = {"thread_first": 150, "thread_last": 150}


def _kind(visitor: str) -> str:
    return ANONYMOUS if visitor == ANONYMOUS else "signed_in"


def targets_in_process(page: str, visitor: str) -> dict:
    targets = {"max_queries": MAX_QUERIES[_kind(visitor)]}
    if page in MEDIAN_MS:
        targets["max_median_ms"] = MEDIAN_MS[page][_kind(visitor)]
    return targets


def targets_http(page: str, visitor: str) -> dict:
    return {"min_rps": MIN_RPS[page]} if page in MIN_RPS else {}


def judge(row: dict, targets: dict) -> list[str]:
    """The names of the targets the row misses (empty: every target met)."""
    missed = []
    if "max_median_ms" in targets and not row["median_ms"] < targets["max_median_ms"]:
        missed.append("median")
    if "max_queries" in targets and row["queries"] > targets["max_queries"]:
        missed.append("queries")
    if "min_rps" in targets and row["rps"] < targets["min_rps"]:
        missed.append("rps")
    return missed


def describe(targets: dict) -> str:
    parts = []
    if "max_median_ms" in targets:
        parts.append(f"median < {targets['max_median_ms']} ms")
    if "max_queries" in targets:
        parts.append(f"<= {targets['max_queries']} queries")
    if "min_rps" in targets:
        parts.append(f">= {targets['min_rps']} req/s")
    return ", ".join(parts) or "-"


def annotate(rows: list[dict], targets_for) -> list[dict]:
    for row in rows:
        row["targets"] = targets_for(row["page"], row["visitor"])
        row["missed"] = judge(row, row["targets"])
        row["ok"] = not row["missed"]
    return rows


def verdict(row: dict) -> str:
    if not row["targets"]:
        return ""
    return "ok" if row["ok"] else "MISSED (" + ", ".join(row["missed"]) + ")"


def machine() -> dict:
    from django.db import connection

    model = ""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(
                (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), ""
            )
    except OSError:
        pass
    memory_gib = None
    try:
        with open("/proc/meminfo") as meminfo:
            kib = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal:"))
            memory_gib = round(kib / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": memory_gib,
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "database": connection.vendor,
        "sqlite": sqlite3.sqlite_version,
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }


def document(*, machine_info: dict, data: dict, options: dict, in_process: list, http: list) -> dict:
    missed = [f"{row['page']}/{row['visitor']}" for row in [*in_process, *http] if not row["ok"]]
    return {
        "taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {**machine_info, "load_average_at_end": [round(v, 2) for v in os.getloadavg()]},
        "data": data,
        "options": options,
        "in_process": in_process,
        "http": http,
        "missed": missed,
    }


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "  ".join(
            str(cell).rjust(width) if index in right else str(cell).ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)])


def in_process_table(rows: list[dict]) -> str:
    return _table(
        ["page", "visitor", "median ms", "p95 ms", "queries", "bytes", "target", "result"],
        [
            [
                row["label"],
                row["visitor"],
                f"{row['median_ms']:.2f}",
                f"{row['p95_ms']:.2f}",
                row["queries"],
                f"{row['bytes']:,}",
                describe(row["targets"]),
                verdict(row),
            ]
            for row in rows
        ],
        right={2, 3, 4, 5},
    )


def http_table(rows: list[dict]) -> str:
    return _table(
        ["page", "visitor", "req/s", "median ms", "p95 ms", "requests", "target", "result"],
        [
            [
                row["label"],
                row["visitor"],
                f"{row['rps']:.1f}",
                f"{row['median_ms']:.2f}",
                f"{row['p95_ms']:.2f}",
                f"{row['requests']:,}",
                describe(row["targets"]),
                verdict(row),
            ]
            for row in rows
        ],
        right={2, 3, 4, 5},
    )
