"""forum/reputation.py: points follow votes, posts, moderation and feedback status, never twice."""

import pytest

from community.reputation.models import ReputationEntry, ReputationTotal
from forum.actions.moderation import set_post_visibility
from forum.actions.votes import toggle_vote
from forum.keys import post_key
from forum.limits import limits_off
from tests.factories import UserFactory
from tests.forum.factories import make_replies, make_thread


def points(user) -> int:
    return ReputationTotal.objects.filter(user_id=user.pk).values_list("points", flat=True).first() or 0


@pytest.fixture
def moderator(db):
    return UserFactory(username="mod", is_superuser=True, is_staff=True)


def vote(user, post):
    with limits_off():
        return toggle_vote(actor=user, post=post)


def test_a_thread_earns_its_author_post_points_once(board):
    author = UserFactory()
    thread = make_thread(board=board, author=author)
    assert points(author) == 1
    entries = ReputationEntry.objects.filter(user=author, subject=post_key(thread.first_post_id))
    assert entries.count() == 1


def test_a_reply_earns_post_points(board):
    thread = make_thread(board=board)
    author = UserFactory()
    make_replies(thread, 1, authors=[author])
    assert points(author) == 1


def test_a_vote_earns_the_author_points_and_retracting_takes_them_back(board):
    author, voter = UserFactory(), UserFactory()
    thread = make_thread(board=board, author=author)
    vote(voter, thread.first_post)
    assert points(author) == 3  # 1 for the post, 2 for the vote
    vote(voter, thread.first_post)  # retract
    assert points(author) == 1
    vote(voter, thread.first_post)  # vote again: a new vote, counted once
    assert points(author) == 3
    assert ReputationEntry.objects.filter(user=author, reversed_at__isnull=True).count() == 2


def test_replaying_an_award_does_not_double_count(board):
    from forum.models import Vote
    from forum.reputation import post_written, vote_cast

    author, voter = UserFactory(), UserFactory()
    thread = make_thread(board=board, author=author)
    vote(voter, thread.first_post)
    the_vote = Vote.objects.get(user=voter)
    for _ in range(2):
        vote_cast(vote=the_vote, post=thread.first_post, board=board)
        post_written(post=thread.first_post, board=board)
    assert points(author) == 3


def test_a_post_removed_for_abuse_loses_its_points_and_gets_them_back_when_restored(board, moderator):
    thread = make_thread(board=board)
    author, voter = UserFactory(), UserFactory()
    [post] = make_replies(thread, 1, authors=[author])
    vote(voter, post)
    assert points(author) == 3
    set_post_visibility(actor=moderator, post=post, state="hidden", reason="spam")
    assert points(author) == 0
    set_post_visibility(actor=moderator, post=post, state="deleted", reason="spam")  # replay
    assert points(author) == 0
    set_post_visibility(actor=moderator, post=post, state="visible")
    assert points(author) == 3
    set_post_visibility(actor=moderator, post=post, state="visible")  # replay
    assert points(author) == 3


def test_a_thread_removed_takes_back_its_opening_post_points(board, moderator):
    author, voter = UserFactory(), UserFactory()
    thread = make_thread(board=board, author=author)
    vote(voter, thread.first_post)
    set_post_visibility(actor=moderator, post=thread.first_post, state="deleted", reason="abuse")
    assert points(author) == 0
    set_post_visibility(actor=moderator, post=thread.first_post, state="visible")
    assert points(author) == 3


def test_a_vote_retracted_while_the_post_was_hidden_stays_taken_back(board, moderator):
    thread = make_thread(board=board)
    author = UserFactory()
    [post] = make_replies(thread, 1, authors=[author])
    vote(moderator, post)
    assert points(author) == 3
    set_post_visibility(actor=moderator, post=post, state="hidden", reason="spam")
    vote(moderator, post)  # the moderator can still see it, and takes the vote back
    set_post_visibility(actor=moderator, post=post, state="visible")
    assert points(author) == 1
