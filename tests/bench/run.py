"""Page benchmarks: `python -m tests.bench.run --out var/bench/results.json` (make bench runs it).

Measures each page in process and through gunicorn, prints every figure against its target and
writes the JSON. A missed target is reported, not an error: the exit status is 0 unless a page
answers something other than 200 (1) or the setup fails (2)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("var/bench/results.json"), help="the JSON to write")
    parser.add_argument("--iterations", type=int, default=200, help="timed requests per page in process")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument("--deep-page", type=int, default=50, help="listing page reached by the keyset cursor")
    parser.add_argument(
        "--http-seconds", type=float, default=10.0, help="load time per page through gunicorn"
    )
    parser.add_argument("--http-concurrency", type=int, default=4, help="client threads through gunicorn")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--no-http", action="store_true", help="in process only (no gunicorn)")
    parser.add_argument(
        "--pages", default="", help="only these pages, comma-separated keys (e.g. thread_first,thread_last)"
    )
    return parser.parse_args(argv)


def setup_django() -> None:
    """Configure Django unless it already is (the harness test calls main() inside pytest)."""
    from django.apps import apps

    if apps.ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.dev")
    os.environ.setdefault("DEBUG", "0")  # measure what production runs, not debug mode
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django()
    from django.conf import settings

    from tests.bench import httpload, inprocess, report
    from tests.bench.pages import SetupError, discover

    if settings.DEBUG:
        print("warning: DEBUG is on; the figures include debug overhead", file=sys.stderr)
    machine = report.machine()
    try:
        discovery = discover(deep_page=args.deep_page)
    except SetupError as exc:
        print(f"bench setup failed: {exc}", file=sys.stderr)
        return 2
    if args.pages:
        wanted = {key.strip() for key in args.pages.split(",") if key.strip()}
        unknown = wanted - {page.key for page in discovery.pages}
        if unknown:
            print(f"bench setup failed: no page called {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        discovery.pages = [page for page in discovery.pages if page.key in wanted]
    data = discovery.data
    print(
        f"Data: {data['posts']:,} posts, {data['threads']:,} threads, {data['boards']} boards, "
        f"{data['people']:,} people; board {data['board']['slug']!r} ({data['board']['threads']:,} threads), "
        f"thread {data['thread']['id']} ({data['thread']['posts']:,} posts, {data['thread']['pages']} pages)"
    )
    print(
        f"Machine: {machine['cpus']} x {machine['cpu_model'] or 'unknown CPU'}, {machine['memory_gib']} GiB, "
        f"Python {machine['python']}, Django {machine['django']}, SQLite {machine['sqlite']}, "
        f"load average {machine['load_average_at_start']}"
    )
    for page in discovery.pages:
        print(f"  {page.key:13} {page.url}" + (f"  ({page.note})" if page.note else ""))

    def progress(row):
        print(f"  measured {row['page']} as {row['visitor']}", file=sys.stderr, flush=True)

    options = {key: (str(value) if isinstance(value, Path) else value) for key, value in vars(args).items()}
    in_process: list[dict] = []
    http: list[dict] = []
    status = 0
    try:
        print(
            f"\nIn process ({args.iterations} requests per page after {args.warmup} to warm up):", flush=True
        )
        in_process = report.annotate(
            inprocess.run(discovery, iterations=args.iterations, warmup=args.warmup, progress=progress),
            report.targets_in_process,
        )
        print(report.in_process_table(in_process), flush=True)
        if not args.no_http:
            print(
                f"\nThrough gunicorn ({args.workers} workers, {args.http_concurrency} client threads, "
                f"{args.http_seconds:g} s per page):",
                flush=True,
            )
            http = report.annotate(
                httpload.run(
                    discovery,
                    seconds=args.http_seconds,
                    concurrency=args.http_concurrency,
                    workers=args.workers,
                    log_path=args.out.with_name("gunicorn.log"),
                    progress=progress,
                ),
                report.targets_http,
            )
            print(report.http_table(http), flush=True)
    except inprocess.PageError as exc:
        print(f"\nbench failed: {exc}", file=sys.stderr)
        status = 1
    except httpload.ServerError as exc:
        print(f"\nbench setup failed: {exc}", file=sys.stderr)
        status = 2
    result = report.document(
        machine_info=machine, data=data, options=options, in_process=in_process, http=http
    )
    result["status"] = {0: "complete", 1: "a page failed", 2: "setup failed"}[status]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    if status == 0:
        missed = result["missed"]
        print(f"\n{len(missed)} page(s) missed a target" + (f": {', '.join(missed)}" if missed else ""))
    print(f"Results written to {args.out}")
    return status


if __name__ == "__main__":
    sys.exit(main())
