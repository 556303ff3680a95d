import pytest
from django.core.exceptions import ValidationError

from community.notifications.models import Notification
from forum import queries
from forum.actions.posts import reply
from forum.actions.reading import mark_read, save_draft, set_thread_watch, toggle_bookmark
from forum.keys import draft_key
from forum.models import Bookmark, Draft, ReadMark
from tests.factories import UserFactory
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db


def test_watermark_only_moves_forward(board, member, other_member):
    thread = make_thread(board=board, author=member)
    mark_read(user=other_member, thread=thread, up_to_number=5)
    mark_read(user=other_member, thread=thread, up_to_number=2)
    assert ReadMark.objects.get(user=other_member, thread=thread).last_read_number == 5


def test_unread_marker_in_listing_and_first_unread(board, member, other_member):
    thread = make_thread(board=board, author=member)
    listing = queries.board_listing(other_member, board)
    assert listing.threads[0].is_unread  # never opened
    mark_read(user=other_member, thread=thread, up_to_number=1)
    assert not queries.board_listing(other_member, board).threads[0].is_unread
    new = reply(actor=UserFactory(username="third"), thread=thread, body="News!")
    assert queries.board_listing(other_member, board).threads[0].is_unread
    assert queries.first_unread_post(other_member, thread).pk == new.pk


def test_watchers_hear_about_replies(board, member, other_member):
    thread = make_thread(board=board, author=member)
    set_thread_watch(user=other_member, thread=thread, watching=True)
    reply(actor=UserFactory(username="third"), thread=thread, body="An update")
    assert Notification.objects.filter(recipient=other_member, kind="WATCHED").count() == 1
    set_thread_watch(user=other_member, thread=thread, watching=False)
    reply(actor=UserFactory(username="fourth"), thread=thread, body="Another update")
    assert Notification.objects.filter(recipient=other_member, kind="WATCHED").count() == 1


def test_bookmark_toggles(board, member, other_member):
    thread = make_thread(board=board, author=member)
    assert toggle_bookmark(user=other_member, post=thread.first_post) is True
    assert toggle_bookmark(user=other_member, post=thread.first_post) is False
    assert not Bookmark.objects.exists()


def test_drafts_survive_and_clear_on_post(board, member, other_member):
    thread = make_thread(board=board, author=member)
    save_draft(user=other_member, key=draft_key(thread=thread), body="Half a thought")
    save_draft(user=other_member, key=draft_key(thread=thread), body="Half a thought, finished")
    assert Draft.objects.get().body == "Half a thought, finished"
    reply(actor=other_member, thread=thread, body="Half a thought, finished")
    assert not Draft.objects.exists()


@pytest.mark.parametrize("key", ["", "thread:", "thread:abc", "board:999999", "poll:1"])
def test_drafts_for_unknown_places_are_refused(member, key):
    with pytest.raises(ValidationError):
        save_draft(user=member, key=key, body="text")
