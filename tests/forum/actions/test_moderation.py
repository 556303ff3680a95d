import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.notifications.models import Notification
from forum.actions.moderation import (
    lock_thread,
    merge_threads,
    move_thread,
    pin_thread,
    set_post_visibility,
    set_thread_visibility,
    split_posts,
)
from forum.actions.posts import reply
from forum.actions.synchronize import synchronize_all
from forum.models import Board, ModerationLog, Post, Thread
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(board):
    user = UserFactory(username="mod")
    board.moderators.add(user)
    return user


def test_members_cannot_moderate(board, member, other_member):
    thread = make_thread(board=board, author=member)
    for call in (
        lambda: pin_thread(actor=other_member, thread=thread, pinned=True),
        lambda: lock_thread(actor=other_member, thread=thread, locked=True),
        lambda: set_thread_visibility(actor=other_member, thread=thread, state="hidden", reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not ModerationLog.objects.exists()


def test_pin_and_lock_are_logged(board, member, moderator):
    thread = make_thread(board=board, author=member)
    pin_thread(actor=moderator, thread=thread, pinned=True, reason="FAQ")
    pin_thread(actor=moderator, thread=thread, pinned=True, globally=True)
    lock_thread(actor=moderator, thread=thread, locked=True, reason="Answered")
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_pinned_globally and thread.is_locked
    log = list(ModerationLog.objects.order_by("pk").values_list("action", "actor__username", "reason"))
    assert log == [("pin", "mod", "FAQ"), ("pin_globally", "mod", ""), ("lock", "mod", "Answered")]


def test_hide_needs_a_reason_and_restore_brings_back(board, member, other_member, moderator):
    thread = make_thread(board=board, author=member)
    post = reply(actor=other_member, thread=thread, body="Buy cheap watches")
    with pytest.raises(ValidationError):
        set_post_visibility(actor=moderator, post=post, state="hidden", reason="")
    set_post_visibility(actor=moderator, post=post, state="hidden", reason="Spam")
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert Notification.objects.filter(
        recipient=other_member, kind="MODERATION", text__contains="Spam"
    ).exists()
    set_post_visibility(actor=moderator, post=post, state="visible")
    thread.refresh_from_db()
    assert thread.reply_count == 1 and synchronize_all() == {}


def test_soft_deleted_thread_leaves_board_counts(board, member, moderator):
    thread = make_thread(board=board, author=member)
    set_thread_visibility(actor=moderator, thread=thread, state="deleted", reason="Duplicate")
    board.refresh_from_db()
    assert board.thread_count == 0 and Thread.objects.filter(pk=thread.pk).exists()
    set_thread_visibility(actor=moderator, thread=thread, state="visible")
    board.refresh_from_db()
    assert board.thread_count == 1


def test_move_needs_moderation_rights_on_both_boards(board, member, moderator):
    elsewhere = BoardFactory(slug="elsewhere")
    thread = make_thread(board=board, author=member)
    with pytest.raises(PermissionDenied):
        move_thread(actor=moderator, thread=thread, board=elsewhere)
    elsewhere.moderators.add(moderator)
    moderator = type(moderator).objects.get(pk=moderator.pk)  # board access is computed once per user object
    move_thread(actor=moderator, thread=thread, board=elsewhere, reason="Wrong board")
    board.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (board.thread_count, elsewhere.thread_count) == (0, 1)
    section = BoardFactory(slug="sec", kind=Board.Kind.SECTION)
    section.moderators.add(moderator)
    moderator = type(moderator).objects.get(pk=moderator.pk)
    with pytest.raises(ValidationError):
        move_thread(actor=moderator, thread=thread, board=section)


def test_merge_moves_posts_and_redirects(client, board, member, other_member, moderator):
    target = make_thread(board=board, author=member, title="Battery drain after update")
    reply(actor=other_member, thread=target, body="Same")
    source = make_thread(board=board, author=other_member, title="Battery drains fast now")
    reply(actor=member, thread=source, body="Me too")
    merge_threads(actor=moderator, source=source, target=target, reason="Duplicate")
    assert list(Post.objects.filter(thread=target).order_by("number").values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    target.refresh_from_db()
    assert target.reply_count == 3 and synchronize_all() == {}
    response = client.get(f"/forum/t/{source.pk}/")
    assert response.status_code == 404 or response.url == target.get_absolute_url()


def test_split_makes_a_new_thread(board, member, other_member, moderator):
    thread = make_thread(board=board, author=member)
    keep = reply(actor=other_member, thread=thread, body="On topic")
    off1 = reply(actor=other_member, thread=thread, body="Off topic: chargers?")
    off2 = reply(actor=member, thread=thread, body="Off topic: the 65 W one")
    new = split_posts(
        actor=moderator, thread=thread, post_ids=[off1.pk, off2.pk], title="Which charger to buy"
    )
    assert list(Post.objects.filter(thread=new).order_by("number").values_list("pk", flat=True)) == [
        off1.pk,
        off2.pk,
    ]
    assert list(Post.objects.filter(thread=thread).order_by("number").values_list("pk", flat=True)) == [
        thread.first_post_id,
        keep.pk,
    ]
    assert synchronize_all() == {}
    with pytest.raises(ValidationError):
        split_posts(
            actor=moderator, thread=thread, post_ids=[thread.first_post_id], title="Cannot split opener"
        )
