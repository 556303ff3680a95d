"""The whole demo seed (it takes a while: those tests are marked slow, run by CI and make test-slow,
skipped by make test); the pieces are tested small under tests/devdata/demo/."""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from PIL import Image

from community.models import User
from community.reputation.actions.synchronize import synchronize_totals
from community.teams import team_group_name
from devdata.demo.forum import CHINESE_BOARD
from devdata.demo.megathread import TITLE as MEGATHREAD
from devdata.demo.runtime import latest_moment
from forum.actions.synchronize import synchronize_all
from forum.feedback.models import FeedbackItem
from forum.models import Board, Post, Thread, Vote
from store.models import Product

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def seeded(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.VAR_DIR = tmp_path  # the seed's mail goes to <VAR_DIR>/demo-mail
    out = io.StringIO()
    # What the seed's actions do after their commit (a paid order's verified-owner badge) happens
    # here too: the test's transaction never commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_refuses_production_settings_unless_told(settings):
    settings.CANOPY_ENV = "production"
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()


@pytest.mark.slow
def test_seeding_twice_changes_nothing_and_prints_a_summary_not_the_mail(seeded):
    after_first = row_counts()
    second = io.StringIO()
    call_command("seed_demo", stdout=second)

    assert row_counts() == after_first
    assert "7 new accounts" in seeded and "0 new accounts" in second.getvalue()
    assert "demo-mail" in seeded and "password for all of them" in seeded
    assert len(seeded.splitlines()) < 30 and "Subject:" not in seeded


@pytest.mark.slow
def test_logins_roles_and_a_community_of_many_voices(seeded, client):
    assert User.objects.get(username="admin").is_superuser
    mira = User.objects.get(username="mira")
    assert not mira.is_superuser and mira.groups.filter(name=team_group_name()).exists()
    assert User.objects.filter(is_staff=False).count() >= 35
    assert any(CJK.search(name) for name in User.objects.values_list("display_name", flat=True))
    assert client.post("/accounts/login/", {"login": "leo", "password": "canopy-demo-2026"}).status_code == 302
    assert client.get("/cms/").status_code == 302  # members do not get the team's admin
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": "mira", "password": "canopy-demo-2026"})
    assert client.get("/cms/").status_code == 200


@pytest.mark.slow
def test_threads_are_written_for_their_boards(seeded):
    for board in Board.objects.exclude(kind=Board.Kind.SECTION):
        titles = list(board.threads.values_list("title", flat=True))
        assert len(titles) == len(set(titles)), f"a title repeats in {board.slug}"
    megathread = Thread.objects.get(title=MEGATHREAD)
    bodies = list(megathread.posts.values_list("body", flat=True))
    assert len(bodies) >= 300 and len(set(bodies)) == len(bodies)
    assert megathread.posts.filter(body__startswith=">").count() >= 20  # replies quote each other
    with_cards = Thread.objects.filter(posts__body__contains="[[product:").distinct().count()
    assert with_cards >= 12
    # Matched in Python: "\b" is a word boundary to SQLite's regex but a backspace to PostgreSQL's.
    mention = re.compile(r"@(leo|amara|jonas|sofia|kenji|mira)\b")
    with_at = Post.objects.filter(body__contains="@").values_list("body", flat=True)
    assert sum(1 for body in with_at if mention.search(body)) >= 10
    chinese = Board.objects.get(slug=CHINESE_BOARD)
    threads = list(chinese.threads.all())
    assert len(threads) >= 5 and all(CJK.search(thread.title) for thread in threads)
    assert Post.objects.filter(thread__board=chinese, number__gt=1).count() >= 15


@pytest.mark.slow
def test_counters_have_no_drift_and_nothing_is_dated_in_the_future(seeded):
    assert synchronize_all() == {}
    assert synchronize_totals(fix=False) == []
    out = io.StringIO()
    call_command("forum_synchronize", stdout=out)
    call_command("reputation_recount", "--dry-run", stdout=out)
    assert "No drift" in out.getvalue() and "0 drifted" in out.getvalue()
    latest = latest_moment()
    assert not Post.objects.filter(created_at__gt=latest).exists()
    assert not Vote.objects.filter(created_at__gt=latest).exists()
    filed = sorted(FeedbackItem.objects.values_list("created_at", flat=True))
    assert (filed[-1] - filed[0]).days >= 30 and filed[-1] < timezone.now()  # over weeks, not one minute


@pytest.mark.slow
def test_product_pictures_are_drawn_in_each_variant_colour(seeded):
    for product in Product.objects.all():
        pictures = list(product.images.all())
        assert len(pictures) >= 2
        colours = set()
        for row in pictures:
            with row.image.file.open("rb") as handle, Image.open(handle) as picture:
                assert picture.size == (960, 720)
                colours.add(picture.convert("RGB").getpixel((480, 360)))
        variant_colours = {variant.options.get("Colour") for variant in product.variants.all()}
        assert len(colours) >= len(variant_colours), product.slug  # the charger comes in white only
