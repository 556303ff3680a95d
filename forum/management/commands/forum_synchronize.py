from django.core.management.base import BaseCommand
from django.db import transaction

from forum.actions.rendering import rerender_stale_posts
from forum.actions.synchronize import synchronize_all


class Command(BaseCommand):
    help = "Recount every stored forum counter (replies, last post, scores, polls, list thumbnails, board totals) and report drift."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rerender",
            action="store_true",
            help="Also render posts stored with an older markdown renderer version again.",
        )

    def handle(self, *args, rerender: bool = False, **options):
        if rerender:
            count = rerender_stale_posts()
            self.stdout.write(f"Rendered {count} posts again.")
        with transaction.atomic():
            report = synchronize_all()
        if not report:
            self.stdout.write(self.style.SUCCESS("No drift: every counter matches its source rows."))
            return
        for row, drift in report.items():
            for field, (stored, actual) in drift.items():
                self.stdout.write(f"{row}: {field} was {stored!r}, now {actual!r}")
        self.stdout.write(self.style.WARNING(f"Repaired drift in {len(report)} rows."))
