"""forum/limits.py: new-account limits hold until reputation unlocks the ability, and come back
when the points are taken back."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from community.reputation import api as reputation
from forum.actions.posts import reply
from forum.actions.reports import report_post
from forum.actions.threads import needs_approval, start_thread
from forum.limits import RateLimited, hit, limits_enabled, limits_off
from forum.models import Report
from tests.factories import UserFactory
from tests.forum.factories import make_thread

LINKS = " ".join(f"[l{i}](https://example.com/{i})" for i in range(3))


def give(user, points: int):
    source = ("forum.board", user.pk)  # any row id: the award is keyed per person
    reputation.award(user=user, rule=reputation.MODERATOR_AWARD, source=source, points=points)
    reputation.forget_standing(user)
    return source


def take_back(user, source):
    reputation.reverse_entries(source=source, reason="test")
    reputation.forget_standing(user)


def post_links(user, board, n):
    return start_thread(actor=user, board=board, title=f"Links {n}", body=f"{LINKS} ({n})")


def test_a_new_member_cannot_post_links_until_their_level_unlocks_it_and_again_after_reversal(board):
    member = UserFactory()
    with pytest.raises(ValidationError, match="links"):
        post_links(member, board, 1)
    source = give(member, 500)
    assert post_links(member, board, 2).pk
    take_back(member, source)
    with pytest.raises(ValidationError, match="links"):
        post_links(member, board, 3)


def test_an_established_member_is_not_limited_whatever_their_points(board):
    member = UserFactory(date_joined=timezone.now() - timedelta(days=365))
    assert post_links(member, board, 1).pk


def test_staff_are_not_limited(board):
    assert post_links(UserFactory(is_staff=True), board, 1).pk


def test_a_new_member_starts_polls_once_unlocked(board):
    member = UserFactory()
    poll = {"poll_question": "Which colour?", "poll_choices": ["Black", "Silver"]}
    with pytest.raises(ValidationError, match="polls"):
        start_thread(actor=member, board=board, title="Colours", body="Pick one.", **poll)
    give(member, 500)
    thread = start_thread(actor=member, board=board, title="Colours", body="Pick one please.", **poll)
    assert thread.poll.question == "Which colour?"


def test_approval_for_new_accounts_is_skipped_once_unlocked(board, settings):
    settings.FORUM_APPROVE_NEW_ACCOUNTS = True
    member = UserFactory()
    assert needs_approval(member, board.pk)
    source = give(member, 5000)
    assert not needs_approval(member, board.pk)
    take_back(member, source)
    assert needs_approval(member, board.pk)


def test_a_report_carries_the_reporters_weight(board):
    thread = make_thread(board=board)
    newcomer, expert = UserFactory(), UserFactory()
    give(expert, 5000)
    report_post(actor=newcomer, post=thread.first_post, reason="Spam links")
    report_post(actor=expert, post=thread.first_post, reason="Spam links")
    assert dict(Report.objects.values_list("reporter_id", "weight")) == {newcomer.pk: 1, expert.pk: 2}


# --- rate limits: windows that end on time, whatever the cache backend ---------------------------

FILE_CACHE = "django.core.cache.backends.filebased.FileBasedCache"


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": FILE_CACHE, "LOCATION": str(tmp_path / "cache")}}


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def refused(user, action="post") -> bool:
    try:
        hit(user, action)
    except RateLimited:
        return True
    return False


def assert_refused_only_until_the_window_ends(user, clock, count, period):
    for _ in range(count):
        assert not refused(user)
    assert refused(user)
    # Single retries, a few seconds apart, stay refused only until the window that counted them
    # ends: never later than ``period`` seconds after the first try.
    started = clock.now
    while refused(user):
        clock.advance(5)
        assert clock.now - started <= period + 5, "still refused after the window ended"
    # The new window gives the full allowance back, and no more.
    for _ in range(count - 1):
        assert not refused(user)
    assert refused(user)


@pytest.mark.parametrize("cache_backend", ["file_cache", "redis_cache"])
def test_a_refused_person_is_allowed_again_when_the_window_ends(cache_backend, request, clock, settings, db):
    request.getfixturevalue(cache_backend)
    settings.FORUM_RATE_LIMITS = {"post": (8, 60)}
    assert_refused_only_until_the_window_ends(UserFactory(), clock, count=8, period=60)


@pytest.mark.parametrize("cache_backend", ["file_cache", "redis_cache"])
def test_refused_retries_do_not_push_the_window_out(cache_backend, request, clock, settings, db):
    """The reported case: after 8 replies in a minute, single retries 65, 130 and 330 s later were
    still refused, each refused try re-saving the counter for another 300 s."""
    request.getfixturevalue(cache_backend)
    settings.FORUM_RATE_LIMITS = {"post": (8, 60)}
    person = UserFactory()
    for _ in range(8):
        hit(person, "post")
    assert refused(person)
    started = clock.now
    for later in (65, 130, 330):
        clock.advance(started + later - clock.now)
        assert not refused(person), f"refused {later} s later"


def test_a_reply_is_accepted_again_a_minute_after_the_limit(file_cache, clock, board, db):
    """Through the action, on the file cache (the one-machine default)."""
    thread = make_thread(board=board)
    person = UserFactory(date_joined=timezone.now() - timedelta(days=365))
    for i in range(8):
        reply(actor=person, thread=thread, body=f"Reply number {i}")
    with pytest.raises(RateLimited, match=r"at most 8 per minute\). Try again in \d+ s"):
        reply(actor=person, thread=thread, body="One more")
    clock.advance(65)
    assert reply(actor=person, thread=thread, body="One more").pk


def test_limits_are_counted_per_person_and_action(clock, settings, db):
    settings.FORUM_RATE_LIMITS = {"post": (1, 60), "vote": (1, 60)}
    one, two = UserFactory(), UserFactory()
    hit(one, "post")
    assert refused(one, "post")
    assert not refused(two, "post")
    assert not refused(one, "vote")


def test_the_setting_switches_every_limit_off_and_limits_off_is_that_setting(settings, board, db):
    settings.FORUM_RATE_LIMITS = {"post": (1, 60)}
    person = UserFactory()
    settings.FORUM_LIMITS_ENABLED = False
    assert not limits_enabled()
    hit(person, "post")
    hit(person, "post")
    post_links(person, board, 1)  # new-account link limit off too
    settings.FORUM_LIMITS_ENABLED = True
    with limits_off():
        assert not limits_enabled()
        hit(person, "post")
    assert limits_enabled()
    hit(person, "post")
    assert refused(person)


def test_limits_off_holds_in_every_thread_while_it_is_on(db):
    """No thread-local: a worker thread started inside ``limits_off()`` sees the limits off."""
    import threading

    seen = []
    with limits_off():
        worker = threading.Thread(target=lambda: seen.append(limits_enabled()))
        worker.start()
        worker.join()
    assert seen == [False]
