"""Demo data: the community's people and home page. Other apps add theirs through the
``demo.seed`` hook (a callable taking ``stdout``), in layer order; every seeder is idempotent."""

import os
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from community import hooks
from community.models import HomePage, SiteSettings, User
from community.teams import ensure_team_group


@dataclass(frozen=True)
class DemoPerson:
    username: str
    email: str
    display_name: str
    role: str  # "admin", "team" or "member"


DEMO_PEOPLE = [
    DemoPerson("admin", "admin@canopy.localhost", "Site Admin", "admin"),
    DemoPerson("mira", "mira@canopy.localhost", "Mira Chen (Product team)", "team"),
    DemoPerson("leo", "leo@canopy.localhost", "Leo Park", "member"),
    DemoPerson("amara", "amara@canopy.localhost", "Amara Okafor", "member"),
    DemoPerson("jonas", "jonas@canopy.localhost", "Jonas Weber", "member"),
    DemoPerson("sofia", "sofia@canopy.localhost", "Sofía Ruiz", "member"),
    DemoPerson("kenji", "kenji@canopy.localhost", "Kenji Sato", "member"),
]


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or "canopy-demo-2026"


def ensure_product_team_group() -> Group:
    """The team group with its permissions: community.teams.ensure_team_group (kept for its callers)."""
    return ensure_team_group()


def ensure_person(person: DemoPerson, password: str, team_group: Group) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=person.username,
        defaults={"email": person.email, "display_name": person.display_name},
    )
    if created:
        user.set_password(password)
        user.is_staff = person.role in {"admin", "team"}
        user.is_superuser = person.role == "admin"
        user.save(update_fields=["password", "is_staff", "is_superuser"])
        if person.role == "team":
            user.groups.add(team_group)
    EmailAddress.objects.get_or_create(
        user=user, email=person.email, defaults={"verified": True, "primary": True}
    )
    return user, created


def ensure_home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(title="Home", slug="home-canopy")
        root.add_child(instance=home)
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "site_name": "Canopy"}
        )
    if not home.body:
        home.body = [
            (
                "hero",
                {
                    "heading": "Build the product with the people who use it",
                    "text": "Report bugs, vote on ideas, follow your reports to the build that fixes them, "
                    "and buy straight from the threads where people talk about it.",
                    "image": None,
                    "button_label": "Visit the forum",
                    "button_url": "/forum/",
                },
            ),
            ("featured_boards", {"heading": "Boards", "slugs": [], "limit": 6}),
            ("featured_products", {"heading": "In the store", "slugs": [], "limit": 4}),
            ("announcements", {"heading": "Announcements", "limit": 3}),
        ]
        home.save_revision().publish()
    return home


@transaction.atomic
def seed_community(stdout) -> list[tuple[DemoPerson, bool]]:
    password = demo_password()
    team_group = ensure_product_team_group()
    results = [(person, ensure_person(person, password, team_group)[1]) for person in DEMO_PEOPLE]
    ensure_home_page()
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.tagline:
        site_settings.tagline = "Where the community builds the product"
        site_settings.save(update_fields=["tagline"])
    return results


def seed_all(stdout) -> list[tuple[DemoPerson, bool]]:
    people = seed_community(stdout)
    for seeder in hooks.get(hooks.Hook.DEMO_SEED):
        seeder(stdout=stdout)
    return people
