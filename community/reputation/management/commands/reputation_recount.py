from django.core.management.base import BaseCommand

from community.reputation.actions.synchronize import synchronize_totals


class Command(BaseCommand):
    help = "Rebuild every person's reputation total from the ledger and report drift."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report drift without repairing it.")

    def handle(self, *args, dry_run: bool = False, **options):
        drifts = synchronize_totals(fix=not dry_run)
        for drift in drifts:
            self.stdout.write(
                f"user {drift.user_id}: stored {drift.stored}, ledger {drift.ledger} ({drift.ledger - drift.stored:+d})"
            )
        verb = "found" if dry_run else "repaired"
        self.stdout.write(self.style.SUCCESS(f"Reputation recount: {len(drifts)} drifted totals {verb}."))
