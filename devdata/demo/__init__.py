"""The demo community ``make run`` shows (``manage.py seed_demo``): people from several countries,
the store with pictures and orders, boards with threads written for the demo products (a weekly-beta
megathread, product cards, a Chinese board), feedback across statuses and releases that fix it.

Deterministic (fixed seeds; dates relative to the day it runs) and idempotent: what is there is kept,
so running it twice changes nothing. Mail goes to ``var/demo-mail/``; see ``runtime``."""

import time
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Page, Site

from community.models import HomePage, SiteSettings
from devdata.demo.bulk import History
from devdata.demo.people import LOGINS, DemoPerson, demo_password, ensure_people
from devdata.demo.runtime import DemoClock, days_ago, quiet_side_effects

SEED = 20261122


@dataclass
class Summary:
    logins: list[DemoPerson]
    new_logins: int = 0
    new_people: int = 0
    new_threads: int = 0
    megathread_posts: int = 0
    new_feedback: int = 0
    new_orders: int = 0
    products: list[str] = field(default_factory=list)
    indexed: dict = field(default_factory=dict)
    mail_dir: str = ""
    mail_files: int = 0
    held_tasks: dict = field(default_factory=dict)
    seconds: float = 0.0


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
            (
                "featured_products",
                {"heading": "In the store", "slugs": ["aurora-14", "aurora-buds-pro", "home-hub", "aurora-14-ultra"], "limit": 4},
            ),
            ("announcements", {"heading": "Announcements", "limit": 3}),
        ]
        home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.tagline:
        site_settings.tagline = "Where the community builds the product"
        site_settings.save(update_fields=["tagline"])
    return home


def seed_all() -> Summary:
    from community.teams import ensure_team_group
    from devdata.demo import feedback, forum, megathread, standing, store
    from devdata.demo.people import EVERYONE
    from forum.limits import limits_off
    from search.index import reindex

    began = time.perf_counter()
    summary = Summary(logins=LOGINS)
    with quiet_side_effects() as side, limits_off():
        with transaction.atomic():
            people, created = ensure_people(ensure_team_group())
            summary.new_logins = sum(person.role != "member" or person in LOGINS for person in created)
            summary.new_people = len(created)
            ensure_home_page()
            standing.seed_standing(people, EVERYONE)
            summary.products = store.seed_store(people)["products"]
        summary.new_orders = store.seed_orders(people)
        clock = DemoClock(days_ago(45))
        with clock.running(), transaction.atomic():
            boards = forum.ensure_boards(people)
            history = History()
            summary.new_threads = forum.seed_threads(
                boards, people=people, clock=clock, seed=SEED, history=history
            )
            clock.at(days_ago(5, hour=8))
            thread = megathread.write_megathread(
                board=boards["aurora-14"], clock=clock, people=people,
                voices=forum.megathread_voices(people), team="mira", seed=SEED, history=history,
            )  # fmt: skip
            history.finish(clock)
            if thread is not None:
                summary.new_threads += 1
                summary.megathread_posts = thread.posts.count()
        with clock.running(), transaction.atomic():
            summary.new_feedback = feedback.seed_feedback_demo(people, clock=clock)
        summary.indexed = {search_type.label: count for search_type, count in reindex()}
    summary.mail_dir = str(side["mail_dir"])
    summary.mail_files = side["mail_files"]
    summary.held_tasks = dict(side["tasks"])
    summary.seconds = time.perf_counter() - began
    return summary


__all__ = ["SEED", "Summary", "demo_password", "ensure_home_page", "seed_all"]
