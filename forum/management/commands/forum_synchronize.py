from django.core.management.base import BaseCommand
from django.db import transaction

from forum.markdown import RENDERER_VERSION, render_markdown
from forum.models import Post
from forum.synchronize import synchronize_all


class Command(BaseCommand):
    help = "Recount every stored forum counter (replies, last post, scores, polls, board totals) and report drift."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rerender",
            action="store_true",
            help="Also render posts stored with an older markdown renderer version again.",
        )

    def handle(self, *args, rerender: bool = False, **options):
        if rerender:
            count = 0
            for post in Post.objects.filter(renderer_version__lt=RENDERER_VERSION).iterator(chunk_size=500):
                Post.objects.filter(pk=post.pk).update(
                    body_html=render_markdown(post.body), renderer_version=RENDERER_VERSION
                )
                count += 1
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
