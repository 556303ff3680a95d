from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devdata.demo import demo_password, seed_all


class Command(BaseCommand):
    help = "Create (or complete) the demo community. Safe to run twice: existing rows are kept."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even with production settings (demo passwords!)",
        )

    def handle(self, *args, allow_production: bool = False, **options):
        if settings.CANOPY_ENV == "production" and not allow_production:
            raise CommandError(
                "Refusing to seed demo accounts with production settings (use --allow-production)."
            )
        s = seed_all()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready in {s.seconds:.0f} s: {s.new_logins} new accounts to sign in with, "
                f"{s.new_people} new people in all."
            )
        )
        self.stdout.write(
            f"  {s.new_threads} new threads (weekly beta megathread: {s.megathread_posts} posts), "
            f"{s.new_feedback} feedback items, {s.new_orders} orders, products: {', '.join(s.products) or 'kept'}"
        )
        indexed = ", ".join(f"{count} {label.lower()}" for label, count in s.indexed.items())
        self.stdout.write(f"  search index: {indexed}")
        self.stdout.write(
            f"  e-mail sent while seeding: {s.mail_files} file(s) in {s.mail_dir}/ "
            "(notification e-mails for the seeded history are not sent; the notifications are on the site)"
        )
        self.stdout.write("Demo logins (sign in with the username or the e-mail):")
        for person in s.logins:
            self.stdout.write(f"  {person.role:<7} {person.username:<8} {person.email}")
        self.stdout.write(
            f"  password for all of them: {demo_password()} (set DEMO_PASSWORD before seeding to change it)"
        )
