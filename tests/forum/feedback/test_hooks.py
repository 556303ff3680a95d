"""forum/feedback/hooks.py: what feedback plugs into the forum core's slots (the core imports none of
feedback: the import-linter contract in pyproject.toml, run by tests/test_architecture.py)."""

import pytest

from community import hooks
from community.hooks import Hook
from community.profiles.queries import profile_page
from forum import queries
from forum.feedback import hooks as feedback_hooks
from forum.feedback.actions.status import set_feedback_status
from forum.feedback.models import Status
from forum.search import _dependents
from tests.forum.factories import make_thread
from tests.forum.feedback.factories import make_item

pytestmark = pytest.mark.django_db


def test_each_hook_is_registered_by_the_app():
    assert feedback_hooks.thread_badges in hooks.get(Hook.FORUM_THREAD_BADGES)
    assert feedback_hooks.nav_links in hooks.get(Hook.FORUM_NAV_LINKS)
    assert feedback_hooks.thread_dependents in hooks.get(Hook.FORUM_THREAD_DEPENDENTS)
    assert feedback_hooks.activity_tabs in hooks.get(Hook.PROFILES_ACTIVITY_TABS)
    assert feedback_hooks.listing_badges in hooks.get(Hook.FORUM_LISTING_BADGES)


def test_a_feedback_thread_page_carries_its_status_badge(feedback_board, reporter, team):
    # Given a bug report that the team marked fixed
    item = make_item(board=feedback_board, author=reporter, title="Battery drains overnight")
    set_feedback_status(actor=team, item=item, status=Status.objects.get(key="fixed"), comment="Done.")
    # When its thread page is read, then the badge says so and links to the item
    page = queries.thread_page(reporter, item.thread_id)
    assert [(b.label, b.url, b.title) for b in page.badges] == [
        ("Bug · Fixed", item.get_absolute_url(), "Open the feedback item")
    ]


def test_other_threads_get_no_badge_and_no_query(board, member, django_assert_num_queries):
    thread = make_thread(board=board, author=member)
    with django_assert_num_queries(0):
        assert feedback_hooks.thread_badges(thread=thread) == []


def test_the_team_sees_the_triage_link_in_the_forum_header(client, board, member, team):
    client.force_login(team)
    assert 'href="/forum/feedback/triage/">Triage</a>' in client.get("/forum/").content.decode()
    client.force_login(member)
    assert "/forum/feedback/triage/" not in client.get("/forum/").content.decode()


def test_a_thread_is_reindexed_with_its_feedback_item(feedback_board, board, reporter, member):
    item = make_item(board=feedback_board, author=reporter)
    assert list(_dependents(item.thread)) == [item]
    assert list(_dependents(make_thread(board=board, author=member))) == []


def test_feedback_tabs_follow_the_forum_tabs_and_load_in_one_query(
    feedback_board, reporter, member, django_assert_num_queries
):
    make_item(board=feedback_board, author=reporter, title="Battery drains overnight")
    page = profile_page(username=reporter.username, viewer=member, tab="feedback")
    slugs = [tab.slug for tab in page.tabs]
    assert [slug for slug in slugs if slug in {"threads", "replies", "feedback", "fixed"}] == [
        "threads",
        "replies",
        "feedback",
        "fixed",
    ]
    assert [item.title for item in page.items] == ["Battery drains overnight"]
    tabs = {tab.slug: tab for tab in feedback_hooks.activity_tabs(user=reporter, viewer=member)}
    with django_assert_num_queries(1):
        assert len(tabs["fixed"].load(20)) == 0


# --- status chips on listings: columns of the listing's own query, shown to everyone -----------------


def test_a_feedback_listing_shows_each_items_status_and_kind(feedback_board, reporter, team):
    # Given a bug the team fixed and a suggestion still new
    from forum.feedback.models import FeedbackItem

    bug = make_item(board=feedback_board, author=reporter, title="Battery drains overnight")
    idea = make_item(
        board=feedback_board, author=reporter, title="Add a one-handed mode", kind=FeedbackItem.Kind.SUGGESTION
    )
    set_feedback_status(actor=team, item=bug, status=Status.objects.get(key="fixed"), comment="Done.")
    # When a visitor reads the board's listing
    from django.contrib.auth.models import AnonymousUser

    listing = queries.board_listing(AnonymousUser(), feedback_board)
    badges = {t.title: [(b.label, b.url, b.tone) for b in t.list_badges] for t in listing.threads}
    # Then each row carries the item's status as a chip (linking to the item) and its kind
    assert badges["Battery drains overnight"] == [
        ("Fixed", bug.get_absolute_url(), "success"),
        ("Bug", "", ""),
    ]
    new_status = Status.objects.get(key="new").name
    assert badges["Add a one-handed mode"] == [(new_status, idea.get_absolute_url(), "info"), ("Suggestion", "", "")]


def test_discussion_boards_read_no_feedback_columns(board):
    assert feedback_hooks.listing_badges(board=board) is None


def test_a_signed_out_visitor_sees_the_status_chips_on_the_board_page(client, feedback_board, reporter):
    make_item(board=feedback_board, author=reporter, title="Screen flickers at low brightness")

    html = client.get(feedback_board.get_absolute_url()).content.decode()

    new_status = Status.objects.get(key="new").name
    assert f'<span class="chip chip--info" title="Bug: {new_status}"><span class="chip__dot" aria-hidden="true"></span>{new_status}</span>' in html


def _page_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_status_chips_cost_a_feedback_board_no_query(client, feedback_board, board, reporter, member, signed_in):
    # Given a feedback board and a discussion board with the same number of threads
    for i in range(3):
        make_item(board=feedback_board, author=reporter, title=f"Feedback item number {i}")
        make_thread(board=board, author=reporter, title=f"Discussion thread number {i}")
    if signed_in:
        client.force_login(member)
    # Then the feedback board's page, chips and all, runs exactly the discussion board's queries
    discussion = _page_queries(client, board.get_absolute_url())
    assert _page_queries(client, feedback_board.get_absolute_url()) == discussion
    assert discussion == (6 if signed_in else 5)
