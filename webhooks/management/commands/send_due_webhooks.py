"""Send every webhook attempt that is due (run it from cron every minute; safe to run at any time and
on several machines: each attempt is claimed once). With a task backend that defers (database, Redis)
retries are queued at their time anyway and this is the safety net; with the immediate backend it is
what sends retries."""

from django.core.management.base import BaseCommand

from webhooks.actions.deliveries import send_due


class Command(BaseCommand):
    help = "Send the webhook deliveries whose next attempt is due, and finish attempts whose worker stopped."

    def handle(self, *args, **options):
        made = send_due()
        self.stdout.write(f"{made} webhook attempt(s) made.")
