import random
from datetime import timedelta

import pytest
from django.utils import timezone

from community.notifications.models import Notification, NotificationKind
from devdata.demo.bulk import History
from devdata.demo.content import R, T
from devdata.demo.forum import BETA_GROUP, CHINESE_BOARD, ensure_boards, reply_times, write_thread
from devdata.demo.runtime import DemoClock, days_ago, latest_moment
from forum.actions.synchronize import synchronize_all
from forum.models import Board, Post
from forum.permissions import readers_among
from tests.factories import UserFactory
from tests.store.factories import ProductFactory

pytestmark = pytest.mark.django_db

SPEC = T(
    "Pairing the buds with two laptops",
    "ana",
    "Multipoint works with the phone and one laptop. Two laptops?\n\n[[product:buds]]",
    [
        R("ben", "{op} which laptops?"),
        R(None, "Same question here."),
        R("ana", "{prev} a Linux one and a Mac.", reply_to=2),
        R("mira", "Two laptops work; the phone counts as one of the two.", quote=2),
    ],
    days_ago=3,
    votes=2,
)


@pytest.fixture
def people():
    return {name: UserFactory(username=name) for name in ("admin", "mira", "ana", "ben", "cai", "dee")}


def write(spec, board, people, *, seed=1):
    history = History()
    clock = DemoClock(days_ago(45))
    with clock.running():
        thread = write_thread(spec, board, people=people, clock=clock, rng=random.Random(seed), history=history)
        history.finish(clock)
    return thread


def test_a_thread_is_written_at_its_moment_with_mentions_answers_quotes_and_votes(people):
    ProductFactory(slug="buds", name="Buds")
    board = Board.objects.create(slug="talk", name="Talk")
    thread = write(SPEC, board, people)

    posts = list(Post.objects.filter(thread=thread).order_by("number").select_related("author", "reply_to"))
    assert [post.author.username for post in posts][:2] == ["ana", "ben"]
    assert posts[2].author.username in {"cai", "dee"}  # someone who had not spoken yet (never the team)
    assert posts[1].body.startswith("@ana ") and posts[3].body.startswith(f"@{posts[2].author.username} ")
    assert posts[3].reply_to == posts[1]
    assert posts[4].body.startswith("> **Ben** wrote in #2:") and "which laptops" in posts[4].body
    assert '<div data-product-card="buds">' in posts[0].body_html
    started = posts[0].created_at
    assert timezone.localtime(started).date() == timezone.localdate() - timedelta(days=3)
    times = [post.created_at for post in posts]
    assert times == sorted(times) and times[-1] <= latest_moment()
    assert posts[0].score == 2
    mentioned = Notification.objects.filter(recipient=people["ana"], kind=NotificationKind.MENTION)
    assert mentioned.exists()
    assert synchronize_all() == {}

    assert write(SPEC, board, people) is None  # already there: nothing written
    assert Post.objects.filter(thread__board=board).count() == 5


def test_replies_squeeze_in_before_now():
    start = timezone.now() - timedelta(hours=2)
    times = reply_times(start, 12, random.Random(3))
    assert times == sorted(times) and start < times[0] and times[-1] <= latest_moment()


def test_boards_for_the_community_and_every_product_once(people):
    phone = ProductFactory(slug="aurora-14", name="Aurora 14")
    ProductFactory(slug="usb-c-charger-65w", name="65 W USB-C Charger")
    people["leo"] = UserFactory(username="leo")
    boards = ensure_boards(people)

    assert boards[CHINESE_BOARD].name == "中文社区"
    assert boards["aurora-14"].product == phone and boards["aurora-14-feedback"].kind == Board.Kind.FEEDBACK
    assert "usb-c-charger-65w-feedback" not in boards
    beta = boards["beta"]
    assert readers_among(beta.pk, [people["leo"].pk, people["ben"].pk]) == {people["leo"].pk}
    assert people["leo"].groups.filter(name=BETA_GROUP).exists()
    assert all(people["mira"] in board.moderators.all() for board in boards.values())
    assert {key: board.pk for key, board in ensure_boards(people).items()} == {
        key: board.pk for key, board in boards.items()
    }
