import pytest
from django.core.exceptions import PermissionDenied

from community.notifications.models import Notification
from forum.actions.posts import reply
from forum.actions.votes import toggle_vote
from forum.models import Post, Thread, Vote
from tests.factories import UserFactory
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db


def test_vote_toggles_and_thread_score_follows_opening_post(board, member, other_member):
    thread = make_thread(board=board, author=member)
    before = Thread.objects.get(pk=thread.pk).hot_rank
    assert toggle_vote(actor=other_member, post=thread.first_post) == (True, 1)
    thread.refresh_from_db()
    assert thread.score == 1 and thread.hot_rank > before
    assert toggle_vote(actor=other_member, post=thread.first_post) == (False, 0)
    thread.refresh_from_db()
    assert thread.score == 0 and not Vote.objects.exists()


def test_no_self_votes(board, member):
    thread = make_thread(board=board, author=member)
    with pytest.raises(PermissionDenied):
        toggle_vote(actor=member, post=thread.first_post)


def test_votes_on_replies_do_not_touch_thread_score(board, member, other_member):
    thread = make_thread(board=board, author=member)
    post = reply(actor=other_member, thread=thread, body="Useful answer")
    toggle_vote(actor=member, post=post)
    assert Post.objects.get(pk=post.pk).score == 1 and Thread.objects.get(pk=thread.pk).score == 0


def test_milestone_notifies_the_author(board, member, settings):
    settings.FORUM_VOTE_MILESTONES = (2,)
    thread = make_thread(board=board, author=member)
    for name in ("a1", "a2"):
        toggle_vote(actor=UserFactory(username=name), post=thread.first_post)
    note = Notification.objects.get(recipient=member)
    assert note.kind == "VOTES" and "2 votes" in note.text
