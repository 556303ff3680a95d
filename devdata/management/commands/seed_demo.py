from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from community.demo import demo_password, seed_all


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
        people = seed_all(self.stdout)
        created = [person for person, was_created in people if was_created]
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({len(created)} new accounts)."))
        self.stdout.write("Demo logins (sign in with the username or the e-mail):")
        for person, _ in people:
            self.stdout.write(f"  {person.role:<7} {person.username:<8} {person.email}")
        self.stdout.write(
            f"  password for all of them: {demo_password()} (set DEMO_PASSWORD before seeding to change it)"
        )
