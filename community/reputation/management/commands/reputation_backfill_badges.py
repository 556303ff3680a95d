from django.core.management.base import BaseCommand

from community.reputation.actions.badges import backfill_badges


class Command(BaseCommand):
    help = "Award every badge its holders should already have (from the ledger, check-ins and hooks). Idempotent."

    def handle(self, *args, **options):
        created = backfill_badges()
        for code, count in created.items():
            if count:
                self.stdout.write(f"{code}: {count} new")
        self.stdout.write(self.style.SUCCESS(f"Badges backfilled: {sum(created.values())} new awards."))
