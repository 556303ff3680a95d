"""Markup that make audit's axe run holds pages to, checked fast on the rendered HTML: no control
inside a control (a link in a <summary>), and every aria-describedby/aria-labelledby and label
pointing at an element that exists."""

import re

import pytest

from forum.actions.posts import reply
from forum.limits import limits_off
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(r"<summary[^>]*>(.*?)</summary>", re.S)


def referenced_ids_exist(html: str) -> list[str]:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    missing = []
    for attribute in ("aria-describedby", "aria-labelledby", "aria-controls", "for"):
        for value in re.findall(rf'\s{attribute}="([^"]*)"', html):
            missing += [f"{attribute}={ref}" for ref in value.split() if ref not in ids]
    return missing


def test_a_reply_to_a_post_links_to_it_outside_the_summary_that_opens_the_quote(client):
    board = BoardFactory(slug="lounge", name="Lounge")
    thread = make_thread(board=board, title="Pairing the remote", body="It blinks twice and stops.")
    leo = UserFactory(username="leo")
    with limits_off():
        answer = reply(actor=leo, thread=thread, body="Hold the button for ten seconds.", reply_to=thread.first_post)

    html = client.get(thread.get_absolute_url()).text

    summaries = SUMMARY.findall(html)
    assert any("In reply to #1" in summary for summary in summaries), summaries
    assert not [summary for summary in summaries if "<a " in summary or "<button" in summary]
    assert f'href="/forum/p/{thread.first_post.pk}/">Go to #1</a>' in html
    assert answer.reply_to_id == thread.first_post.pk


def test_the_thread_and_new_thread_pages_point_only_at_ids_that_exist(client):
    board = BoardFactory(slug="lounge", name="Lounge")
    thread = make_thread(board=board)
    client.force_login(UserFactory(username="leo"))

    for path in (thread.get_absolute_url(), "/forum/b/lounge/new/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert referenced_ids_exist(response.text) == [], path
