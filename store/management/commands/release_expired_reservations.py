from django.core.management.base import BaseCommand

from store.actions.reservations import release_expired_reservations


class Command(BaseCommand):
    help = "Cancel unpaid orders whose stock reservation ran out and put their stock back on sale (run from cron)."

    def handle(self, *args, **options):
        total = 0
        while released := release_expired_reservations():
            total += released
        self.stdout.write(f"Released {total} expired reservation(s).")
