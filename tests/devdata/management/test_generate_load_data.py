import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from community.models import LoadDataRun, User
from community.reputation.actions.synchronize import synchronize_totals
from devdata.loadgen import Sizes
from forum.actions.synchronize import synchronize_all
from forum.models import Board, Post, Thread, Vote

pytestmark = pytest.mark.django_db

POSTS = 300


def generate(**options) -> str:
    out = io.StringIO()
    call_command("generate_load_data", posts=POSTS, stdout=out, **options)
    return out.getvalue()


def content_hash() -> str:
    digest = hashlib.sha256()
    for row in Thread.objects.order_by("pk").values_list(
        "pk", "board__slug", "title", "author__username", "score"
    ):
        digest.update(repr(row).encode())
    for row in Post.objects.order_by("pk").values_list(
        "pk", "thread_id", "number", "author__username", "body", "score"
    ):
        digest.update(repr(row).encode())
    for row in Vote.objects.order_by("pk").values_list("user__username", "post_id", "created_at"):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def test_sizes_scale_down_from_the_default():
    assert Sizes.for_posts(200_000) == Sizes(
        posts=200_000, threads=20_000, boards=20, people=2_000, big_thread_posts=1_000
    )
    small = Sizes.for_posts(POSTS)
    assert (small.threads, small.boards, small.people, small.big_thread_posts) == (30, 3, 3, 75)


def test_generates_exact_counts_with_counters_that_need_no_repair():
    # Given an empty database, when the generator runs
    out = generate()

    # then the sizes are exact
    sizes = Sizes.for_posts(POSTS)
    assert User.objects.filter(username__regex=r"^load\d{4}$").count() == sizes.people
    assert Board.objects.exclude(kind=Board.Kind.SECTION).count() == sizes.boards
    assert Thread.objects.count() == sizes.threads
    assert Post.objects.count() == POSTS
    big = Thread.objects.order_by("pk").first()
    assert big.posts.count() == sizes.big_thread_posts == big.reply_count + 1
    assert Vote.objects.exists()
    # and every stored counter is what the recount computes
    assert synchronize_all() == {}
    assert synchronize_totals(fix=False) == []
    assert "rows/s" in out and "canopy-load-2026" in out
    assert LoadDataRun.objects.get().posts == POSTS


def test_two_runs_write_the_same_rows():
    with transaction.atomic():
        generate()
        first = content_hash()
        transaction.set_rollback(True)  # back to an empty database
    assert not Post.objects.exists()

    generate()

    assert content_hash() == first


def test_reuse_does_nothing_the_second_time_and_a_plain_rerun_refuses():
    generate()
    posts = Post.objects.count()

    out = generate(reuse=True)

    assert "already there" in out
    assert Post.objects.count() == posts
    with pytest.raises(CommandError, match="already there"):
        generate()


def test_refuses_production_settings(settings):
    settings.CANOPY_ENV = "production"
    with pytest.raises(CommandError, match="production"):
        generate()
    assert not User.objects.exists()


def test_refuses_a_database_with_people_unless_forced():
    User.objects.create_user(username="someone", email="someone@example.com", password="x")
    with pytest.raises(CommandError, match="already has people"):
        generate()
    generate(force=True)
    assert Post.objects.count() == POSTS


def test_generated_people_can_sign_in(client):
    generate()
    response = client.post("/accounts/login/", {"login": "load0001", "password": "canopy-load-2026"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
