"""The whole demo seed, once per module (it takes a while: marked slow, run by CI, skipped by make test)."""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from PIL import Image

from community.models import User
from community.reputation.actions.synchronize import synchronize_totals
from community.teams import team_group_name
from devdata.demo.forum import CHINESE_BOARD
from devdata.demo.megathread import TITLE as MEGATHREAD
from forum.actions.synchronize import synchronize_all
from forum.models import Board, Post, Thread
from store.models import Product

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
CJK = re.compile(r"[\u4e00-\u9fff]")


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seeding_twice_changes_nothing_and_prints_a_summary_not_the_mail(seeded):
    after_first = row_counts()
    second = io.StringIO()
    call_command("seed_demo", stdout=second)

    assert row_counts() == after_first
    assert "7 new accounts" in seeded and "0 new accounts" in second.getvalue()
    assert "demo-mail" in seeded and "password for all of them" in seeded
    assert len(seeded.splitlines()) < 30 and "Subject:" not in seeded


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
    assert Post.objects.filter(body__regex=r"@(leo|amara|jonas|sofia|kenji|mira)\b").count() >= 10
    chinese = Board.objects.get(slug=CHINESE_BOARD)
    threads = list(chinese.threads.all())
    assert len(threads) >= 5 and all(CJK.search(thread.title) for thread in threads)
    assert Post.objects.filter(thread__board=chinese, number__gt=1).count() >= 15


def test_counters_have_no_drift(seeded):
    assert synchronize_all() == {}
    assert synchronize_totals(fix=False) == []


def test_product_pictures_are_drawn_in_each_variant_colour(seeded):
    for product in Product.objects.all():
        pictures = list(product.images.all())
        assert len(pictures) >= 2
        colours = set()
        for row in pictures:
            with row.image.file.open("rb") as handle, Image.open(handle) as picture:
                assert picture.size == (960, 720)
                colours.add(picture.convert("RGB").getpixel((480, 360)))
        assert len(colours) >= 2, product.slug
