import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.notifications.models import Notification
from forum.actions.moderation import lock_thread
from forum.actions.posts import delete_own_post, edit_post, reply
from forum.actions.reports import suspend_user
from forum.limits import limits_off
from forum.models import PostRevision, Thread
from tests.factories import UserFactory
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db


def test_replies_get_stable_numbers_and_counters(board, member, other_member):
    thread = make_thread(board=board, author=member)
    first = reply(actor=other_member, thread=thread, body="Same problem here.")
    second = reply(actor=member, thread=thread, body="Fixed by a reboot.")
    thread.refresh_from_db()
    board.refresh_from_db()
    assert (first.number, second.number) == (2, 3)
    assert (thread.reply_count, thread.last_post_id, thread.last_post_number) == (2, second.pk, 3)
    assert board.post_count == 3


def test_reply_to_and_quote_notify_the_right_people(board, member, other_member):
    thread = make_thread(board=board, author=member)
    third = UserFactory(username="third")
    earlier = reply(actor=other_member, thread=thread, body="I see it too.")
    reply(
        actor=third,
        thread=thread,
        body="> I see it too.\n\nMe as well, @member",
        reply_to=earlier,
        quote_of=earlier,
    )
    kinds = dict(Notification.objects.filter(actor=third).values_list("recipient__username", "kind"))
    assert kinds == {"member": "MENTION", "other": "REPLY"}


def test_reply_to_a_post_of_another_thread_is_refused(board, member, other_member):
    one, two = (
        make_thread(board=board, author=member),
        make_thread(board=board, author=member, title="Another thread"),
    )
    with pytest.raises(ValidationError):
        reply(actor=other_member, thread=one, body="Hm", reply_to=two.first_post)


def test_locked_threads_take_no_replies_but_moderators_may(board, member, other_member):
    moderator = UserFactory(username="mod")
    board.moderators.add(moderator)
    thread = make_thread(board=board, author=member)
    lock_thread(actor=moderator, thread=thread, locked=True, reason="Resolved")
    with pytest.raises(PermissionDenied):
        reply(actor=other_member, thread=thread, body="One more thing")
    assert reply(actor=moderator, thread=thread, body="Closing note").number == 2


def test_identical_repeated_posts_are_refused(board, member, other_member):
    thread = make_thread(board=board, author=member)
    reply(actor=other_member, thread=thread, body="Same here")
    with pytest.raises(ValidationError, match="exactly this"):
        reply(actor=other_member, thread=thread, body="Same here")


def test_post_rate_limit(board, member, other_member, settings):
    settings.FORUM_RATE_LIMITS = {"post": (3, 60)}
    thread = make_thread(board=board, author=member)
    for i in range(3):
        reply(actor=other_member, thread=thread, body=f"Reply {i}")
    with pytest.raises(ValidationError, match="too often"):
        reply(actor=other_member, thread=thread, body="Reply 4")


def test_suspended_members_cannot_reply(board, member, other_member):
    admin = UserFactory(username="boss", is_superuser=True)
    thread = make_thread(board=board, author=member)
    suspend_user(actor=admin, user=other_member, reason="Spam", days=3)
    with pytest.raises(PermissionDenied, match="suspended"):
        reply(actor=other_member, thread=thread, body="Let me in")


def test_edit_keeps_revisions_and_title(board, member):
    thread = make_thread(board=board, author=member, title="Old title here", body="Old body")
    edit_post(actor=member, post=thread.first_post, body="New body", title="New title here", reason="typo")
    revision = PostRevision.objects.get(post=thread.first_post)
    assert (revision.body, revision.title, revision.reason) == ("Old body", "Old title here", "typo")
    thread.refresh_from_db()
    thread.first_post.refresh_from_db()
    assert thread.title == "New title here" and thread.first_post.body_html == "<p>New body</p>\n"
    assert thread.first_post.edit_count == 1


def test_others_cannot_edit_but_moderators_can_and_are_logged(board, member, other_member):
    thread = make_thread(board=board, author=member)
    with pytest.raises(PermissionDenied):
        edit_post(actor=other_member, post=thread.first_post, body="Vandalism")
    moderator = UserFactory(username="mod")
    board.moderators.add(moderator)
    edit_post(actor=moderator, post=thread.first_post, body="Removed a phone number", reason="privacy")
    assert Notification.objects.filter(recipient=member, kind="MODERATION").exists()
    from forum.models import ModerationLog

    assert ModerationLog.objects.get().action == "edit_post"


def test_author_deletes_own_reply_softly(board, member, other_member):
    thread = make_thread(board=board, author=member)
    post = reply(actor=other_member, thread=thread, body="Oops, wrong thread")
    delete_own_post(actor=other_member, post=post)
    post.refresh_from_db()
    thread = Thread.objects.get(pk=thread.pk)
    assert post.deleted_at is not None and thread.reply_count == 0


def test_editing_the_opening_post_moves_the_listing_image_with_it(board, member, other_member):
    with limits_off():  # (new accounts may not post images)
        # Given a thread whose opening post has no image, and a reply with one
        thread = make_thread(board=board, author=member, body="Words first.")
        reply_post = reply(actor=other_member, thread=thread, body="![r](/media/forum/thumbnails/r-thumb.png)")
        # When a reply gains another image, the thread's listing image stays empty
        edit_post(actor=other_member, post=reply_post, body="![r2](/media/forum/thumbnails/r2-thumb.png)")
        assert Thread.objects.get(pk=thread.pk).first_image_url == ""
        # When the author adds an image to the opening post, the listing shows it
        opening = thread.first_post
        edit_post(actor=member, post=opening, body="Now with a picture: ![p](/media/forum/thumbnails/p-thumb.png)")
        assert Thread.objects.get(pk=thread.pk).first_image_url == "/media/forum/thumbnails/p-thumb.png"
        # And when the image goes, so does the listing's
        edit_post(actor=member, post=opening, body="Picture removed again.")
        assert Thread.objects.get(pk=thread.pk).first_image_url == ""
