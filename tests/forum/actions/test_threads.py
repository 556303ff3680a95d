from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from community.notifications.models import Notification
from forum.actions.threads import start_thread
from forum.limits import limits_off
from forum.models import Board, BoardWatch, Post, Thread
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db


def test_start_thread_creates_opening_post_and_counts(board, member):
    # When a member starts a thread
    thread = start_thread(
        actor=member, board=board, title="  Pairing   fails on boot ", body="Steps: **reboot**."
    )
    # Then the thread and its first post exist, numbered 1, rendered once
    post = Post.objects.get(thread=thread)
    assert (thread.title, post.number, thread.next_post_number) == ("Pairing fails on boot", 1, 2)
    assert post.body_html == "<p>Steps: <strong>reboot</strong>.</p>\n"
    board.refresh_from_db()
    assert (board.thread_count, board.post_count, board.last_thread_id) == (1, 1, thread.pk)
    assert thread.get_absolute_url() == f"/forum/t/{thread.pk}/pairing-fails-on-boot/"


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("", "a body"),
        ("abc", "a body"),
        ("x" * 161, "a body"),
        ("A fine title", ""),
        ("A fine title", " "),
        ("A fine title", "x" * 20_001),
    ],
)
def test_bad_titles_and_bodies_are_refused(board, member, title, body):
    with pytest.raises(ValidationError):
        start_thread(actor=member, board=board, title=title, body=body)
    assert not Thread.objects.exists()


@pytest.mark.parametrize(
    ("question", "choices"),
    [
        ("", ["a", "b"]),
        ("Which?", ["only one"]),
        ("Which?", [str(i) for i in range(13)]),
        ("Which?", ["same", "Same"]),
        ("Which?", ["x" * 121, "b"]),
    ],
)
def test_bad_polls_are_refused(board, member, question, choices):
    with pytest.raises(ValidationError):
        start_thread(
            actor=member,
            board=board,
            title="Poll thread",
            body="Vote please",
            poll_question=question,
            poll_choices=choices,
        )
    assert not Thread.objects.exists()


def test_thread_with_poll(board, member):
    member.date_joined -= timedelta(days=30)  # new accounts start polls once their level unlocks it
    thread = start_thread(
        actor=member,
        board=board,
        title="Poll thread",
        body="Vote please",
        poll_question="Best colour?",
        poll_choices=["Green", "Black", ""],
    )
    assert list(thread.poll.choices.order_by("position").values_list("text", flat=True)) == ["Green", "Black"]


def test_only_moderators_start_announcements(member):
    board = BoardFactory(slug="news", kind=Board.Kind.ANNOUNCEMENTS)
    with pytest.raises(PermissionDenied):
        start_thread(actor=member, board=board, title="Big news today", body="Hello")
    moderator = UserFactory(username="mod")
    board.moderators.add(moderator)
    assert start_thread(actor=moderator, board=board, title="Big news today", body="Hello").pk


def test_sections_take_no_threads(member):
    section = BoardFactory(slug="section", kind=Board.Kind.SECTION)
    with pytest.raises(PermissionDenied):
        start_thread(actor=member, board=section, title="Lost thread", body="Hello")


def test_group_board_needs_the_group(member):
    testers = Group.objects.create(name="Beta testers")
    board = BoardFactory(
        slug="beta", read_access=Board.Access.GROUP, start_access=Board.Access.GROUP, access_group=testers
    )
    with pytest.raises(Http404):
        start_thread(actor=member, board=board, title="Beta build notes", body="Hello")
    tester = UserFactory(username="tester")
    tester.groups.add(testers)
    assert start_thread(actor=tester, board=board, title="Beta build notes", body="Hello").pk


def test_new_accounts_wait_for_approval_when_enabled(board, settings):
    settings.FORUM_APPROVE_NEW_ACCOUNTS = True
    newcomer = UserFactory(username="newcomer")
    thread = start_thread(actor=newcomer, board=board, title="First post here", body="Hello all")
    board.refresh_from_db()
    assert not thread.is_approved and board.thread_count == 0


def test_board_watchers_hear_about_new_threads(board, member, other_member):
    BoardWatch.objects.create(user=other_member, board=board, created_at=board.created_at)
    thread = make_thread(board=board, author=member)
    note = Notification.objects.get(recipient=other_member)
    assert note.kind == "WATCHED" and note.url == thread.first_post.get_absolute_url()


def test_rate_limit_on_new_threads(board, member, settings):
    settings.FORUM_RATE_LIMITS = {"thread": (2, 300)}
    for i in range(2):
        start_thread(actor=member, board=board, title=f"Question number {i}", body=f"Body {i}")
    with pytest.raises(ValidationError, match="too often"):
        start_thread(actor=member, board=board, title="Question number 3", body="Body 3")


def test_new_accounts_are_limited_in_links(board, member):
    links = " ".join(f"[l{i}](https://example.com/{i})" for i in range(3))
    with pytest.raises(ValidationError, match="links"):
        start_thread(actor=member, board=board, title="Many links here", body=links)


def test_tags_are_cleaned_and_filter_the_listing(board, member):
    from forum import queries

    tagged = start_thread(
        actor=member, board=board, title="Bluetooth drops", body="In the car", tags="Bluetooth, car  #car"
    )
    start_thread(actor=member, board=board, title="Unrelated thread", body="Something else")
    assert sorted(tagged.tags.names()) == ["bluetooth", "car"]
    listing = queries.board_listing(member, board, tag="bluetooth")
    assert [t.pk for t in listing.threads] == [tagged.pk]


@pytest.mark.parametrize("tags", ["a", "a b c d e f", "no_underscores", "x" * 31, "<script>"])
def test_bad_tags_are_refused(board, member, tags):
    with pytest.raises(ValidationError):
        start_thread(actor=member, board=board, title="Tagged thread", body="Body", tags=tags)


UPLOAD = "[![case](/media/forum/thumbnails/2026/12/case-thumb.png)](/media/forum/attachments/2026/12/case.png)"


def test_start_thread_keeps_the_first_uploaded_image_for_listings(board, member):
    # When a member starts a thread whose opening post shows an uploaded image (and one from elsewhere)
    with limits_off():  # (new accounts may not post images)
        thread = start_thread(
            actor=member,
            board=board,
            title="My case after two drops",
            body=f"![far](https://elsewhere.test/far.png)\n\n{UPLOAD}\n\nStill fine.",
        )
    # Then the thread keeps the upload's thumbnail for the listing rows
    assert Thread.objects.get(pk=thread.pk).first_image_url == "/media/forum/thumbnails/2026/12/case-thumb.png"


def test_a_thread_without_an_image_keeps_none(board, member):
    thread = start_thread(actor=member, board=board, title="Plain words only", body="No picture at all.")

    assert Thread.objects.get(pk=thread.pk).first_image_url == ""
