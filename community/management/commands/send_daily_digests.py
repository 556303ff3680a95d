"""Mail each person one digest of their unsent daily notifications (cron it once a day; safe to run
twice: a digested notification is stamped and never sent again)."""

from django.core.management.base import BaseCommand

from community.notifications.actions import send_digests


class Command(BaseCommand):
    help = "Send the daily notification digests now."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
