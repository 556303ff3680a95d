"""The demo's bulk path writes what reply() and toggle_vote() would have: same counters, watches,
read marks, notifications and reputation, on a small thread."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from community.notifications.models import Notification, NotificationKind
from community.reputation import api as reputation
from community.reputation.actions.ledger import award
from community.reputation.actions.synchronize import synchronize_totals
from community.reputation.models import ReputationEntry, ReputationTotal
from devdata.demo.bulk import History, Reply
from devdata.demo.runtime import DemoClock, latest_moment
from forum.actions.posts import reply
from forum.actions.synchronize import synchronize_all
from forum.actions.votes import toggle_vote
from forum.keys import post_key
from forum.limits import limits_off
from forum.markdown import quote_markdown
from forum.models import Post, ReadMark, Thread, ThreadWatch
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {name: UserFactory(username=name) for name in ("ana", "ben", "cai", "dee")}


def conversation(people):
    """Post 2 mentions cai, post 3 quotes and answers post 2, post 4 answers the opening post."""
    quote = quote_markdown(author_name=people["ben"].public_name, body="@cai have a look", post_number=2)
    return [
        ("ben", "@cai have a look", None, None),
        ("cai", quote + "Looked, same here.", 2, 2),
        ("dee", "Works for me on the new build.", 1, None),
    ]


VOTES = [("ben", 1), ("cai", 1), ("dee", 2), ("ana", 3)]


def outcome(thread: Thread) -> dict:
    thread.refresh_from_db()
    posts = {post.pk: post for post in Post.objects.filter(thread=thread)}
    keys = [post_key(pk) for pk in posts]
    return {
        "counters": (thread.reply_count, thread.score, thread.last_post_number, thread.next_post_number),
        "scores": sorted((post.number, post.score) for post in posts.values()),
        "replies to": sorted((post.number, post.reply_to.number if post.reply_to else None) for post in posts.values()),
        "notified": Counter(
            (n.recipient.username, n.kind) for n in Notification.objects.filter(target_key__in=keys)
        ),
        "watching": sorted(ThreadWatch.objects.filter(thread=thread).values_list("user__username", flat=True)),
        "read up to": sorted(ReadMark.objects.filter(thread=thread).values_list("user__username", "last_read_number")),
        "earned": Counter(
            (entry.user.username, entry.rule, entry.points)
            for entry in ReputationEntry.objects.filter(subject__in=keys)
        ),
    }


def test_the_bulk_path_writes_what_the_actions_write(people):
    board = BoardFactory()
    by_actions = make_thread(board=board, author=people["ana"], title="Pairing by actions")
    posts = [by_actions.first_post]
    with limits_off():
        for author, body, reply_to, quote_of in conversation(people):
            posts.append(
                reply(
                    actor=people[author], thread=by_actions, body=body,
                    reply_to=posts[reply_to - 1] if reply_to else None,
                    quote_of=posts[quote_of - 1] if quote_of else None,
                )
            )  # fmt: skip
        for voter, number in VOTES:
            toggle_vote(actor=people[voter], post=posts[number - 1])

    start = timezone.now() - timedelta(hours=2)
    clock = DemoClock(start)
    with clock.running():
        in_bulk = make_thread(board=board, author=people["ana"], title="Pairing in bulk")
    history = History()
    rows = history.add_replies(
        in_bulk,
        [
            Reply(people[author], body, start + timedelta(minutes=10 * i), reply_to=reply_to, quote_of=quote_of)
            for i, (author, body, reply_to, quote_of) in enumerate(conversation(people), start=1)
        ],
    )
    bulk_posts = [in_bulk.first_post, *rows]
    history.add_votes(
        (people[voter], bulk_posts[number - 1], start + timedelta(hours=1)) for voter, number in VOTES
    )
    with clock.running():
        history.finish(clock)

    assert outcome(in_bulk) == outcome(by_actions)
    assert outcome(in_bulk)["notified"][("cai", NotificationKind.MENTION)] == 1  # the test means something
    assert synchronize_all() == {}
    assert synchronize_totals(fix=False) == []


def test_replies_notify_at_their_moment_and_a_thread_everyone_watches_can_stay_quiet(people):
    thread = make_thread(author=people["ana"])
    quiet = make_thread(author=people["ana"], title="The megathread")
    history = History()
    at = timezone.now() - timedelta(days=2)
    history.add_replies(thread, [Reply(people["ben"], "Same on mine.", at)])
    history.add_replies(quiet, [Reply(people["ben"], "Same on mine too.", at)], notify=False)
    clock = DemoClock(at)
    with clock.running():
        history.finish(clock)

    told = Notification.objects.filter(recipient=people["ana"], kind=NotificationKind.REPLY)
    assert [abs(n.created_at - at) < timedelta(seconds=1) for n in told] == [True]  # one, for `thread`
    assert ThreadWatch.objects.filter(thread=quiet, user=people["ben"]).exists()


def test_a_vote_passing_a_milestone_tells_the_author(people, settings):
    settings.FORUM_VOTE_MILESTONES = (3,)
    thread = make_thread(author=people["ana"])
    history = History()
    at = timezone.now() - timedelta(hours=5)
    history.add_votes((people[name], thread.first_post, at) for name in ("ben", "cai", "dee"))
    clock = DemoClock(at)
    with clock.running():
        history.finish(clock)

    milestone = Notification.objects.get(recipient=people["ana"], kind=NotificationKind.VOTES)
    assert "reached 3 votes" in milestone.text
    thread.refresh_from_db()
    assert thread.score == 3


def test_nothing_is_dated_in_the_future_and_nobody_votes_for_themselves(people):
    thread = make_thread(author=people["ana"])
    history = History()
    later = timezone.now() + timedelta(hours=6)
    (post,) = history.add_replies(thread, [Reply(people["ben"], "From tomorrow.", later)])
    votes = history.add_votes([(people["ben"], post, later), (people["cai"], post, later)])

    assert post.created_at <= latest_moment() and [vote.user for vote in votes] == [people["cai"]]
    assert votes[0].created_at <= latest_moment()


def test_daily_caps_count_what_the_ledger_already_holds(people):
    """Nine points for posts today already: of three more posts, one earns a point, the others keep a
    row with nothing (as award() does at the cap)."""
    ben = people["ben"]
    now = timezone.now() - timedelta(minutes=30)
    for i in range(9):
        award(user=ben, rule=reputation.POST_CREATED, source=("forum.post", 900_000 + i), now=now)
    thread = make_thread(author=people["ana"])
    history = History()
    history.add_replies(thread, [Reply(ben, f"Note {i}.", now + timedelta(minutes=i)) for i in range(3)])
    clock = DemoClock(now)
    with clock.running():
        history.finish(clock)

    written = ReputationEntry.objects.filter(user=ben, rule=reputation.POST_CREATED, source_id__lt=900_000)
    assert sorted(written.values_list("points", flat=True)) == [0, 0, 1]
    assert ReputationTotal.objects.get(user=ben).points == 10
    assert synchronize_totals(fix=False) == []
