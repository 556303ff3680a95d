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
