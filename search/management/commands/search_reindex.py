"""Rebuild the search index, in id batches with a progress bar; memory stays one batch."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search import registry
from search.index import reindex


class Command(BaseCommand):
    help = "Rebuild the search index for every searchable type, or only the ones named."

    def add_arguments(self, parser):
        parser.add_argument("types", nargs="*", help="search types to rebuild (default: all)")
        parser.add_argument("--batch-size", type=int, default=None, help="ids per batch (default 500)")
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="clear each type first (faster; on the database backend the type is briefly empty)",
        )
        parser.add_argument(
            "--list", action="store_true", dest="list_types", help="list the searchable types and stop"
        )

    def handle(self, *args, types, batch_size, fresh, list_types: bool, **options):
        known = {t.name: t for t in registry.all_types()}
        if list_types:
            for name, search_type in sorted(known.items()):
                self.stdout.write(f"{name:<12} {search_type.label} ({search_type.model_label})")
            return
        unknown = [t for t in types if t not in known]
        if unknown:
            raise CommandError(
                f"Unknown search type(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}."
            )
        if batch_size is not None and batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        started = time.monotonic()
        total_docs = 0
        for search_type, count in reindex(
            types or None, batch_size=batch_size, fresh=fresh, progress=self._progress
        ):
            self._end_bar()
            self.stdout.write(f"{search_type.name}: {count} documents indexed")
            total_docs += count
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {total_docs} documents in {elapsed:.1f}s."))

    _bar_open = False

    def _progress(self, search_type, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        percent = int(100 * done / total) if total else 100
        line = (
            f"\r{search_type.name:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({percent}%)"
        )
        stream = self.stdout if self.stdout.isatty() else None
        if stream is not None:
            stream.write(line, ending="")
            stream.flush()
            self._bar_open = True
        elif done == total or done == 0:
            sys.stderr.write(line.lstrip("\r") + "\n")

    def _end_bar(self) -> None:
        if self._bar_open:
            self.stdout.write("")
            self._bar_open = False
