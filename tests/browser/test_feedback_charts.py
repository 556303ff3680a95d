"""The weekly report's and a release's charts measured in Chromium (forum/feedback/charts.py): at a
phone's and a desktop's width every label is inside its chart and none overlaps another."""

import pytest
from django.test import Client

from forum.actions.votes import toggle_vote
from forum.feedback.actions.releases import publish_release
from forum.limits import limits_off
from forum.models import Board
from tests.factories import UserFactory, make_team_member
from tests.forum.factories import BoardFactory
from tests.forum.feedback.factories import make_item, make_release
from tests.store.factories import ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLES = [
    "Camera app freezes when switching to night mode after the latest update",
    "Wi-Fi drops after waking from sleep on 5 GHz networks with WPA3 enabled",
    "Battery drains overnight on standby",
    "Add a one-handed mode for the keyboard",
]

# Every <text> of every chart: its box on screen, whether it is turned, and the chart's box.
MEASURE = """() => [...document.querySelectorAll('svg.chart')].map(svg => {
  const frame = svg.getBoundingClientRect();
  return {frame: [frame.left, frame.top, frame.right, frame.bottom],
          texts: [...svg.querySelectorAll('text')].map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, turned: !!t.getAttribute('transform'),
                    box: [r.left, r.top, r.right, r.bottom]};
          })};
})"""


def _sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _overlap(a, b):
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


@pytest.mark.parametrize("width", [360, 1280])
def test_report_and_release_charts_fit_their_labels(page, live_server, artifacts_dir, width):
    # Given a product with long-titled open reports, votes, and eight releases fixing items
    product = ProductFactory(name="Aurora Buds Pro", slug="aurora-buds-pro")
    board = BoardFactory(slug="buds-feedback", kind=Board.Kind.FEEDBACK, product=product)
    team = make_team_member()
    voters = [UserFactory(username=f"voter{i}") for i in range(6)]
    items = [make_item(board=board, title=title) for title in TITLES]
    with limits_off():
        for i, item in enumerate(items):
            for voter in voters[: 6 - i]:
                toggle_vote(actor=voter, post=item.thread.first_post)
    for i in range(8):
        release = make_release(
            product=product, version=f"1.{i}.0-beta", changelog=f"## Fixed\n- #{items[i % 4].thread_id}"
        )
        publish_release(actor=team, release=release)
    release.refresh_from_db()
    make_item(board=board, title="Case lid LED stays on", release=release)

    page.set_viewport_size({"width": width, "height": 900})
    _sign_in(page.context, live_server, team)
    for path, name in (
        ("/forum/feedback/report/", "report"),
        (release.get_absolute_url(), "release"),
        ("/forum/feedback/triage/", "triage"),  # items per status
    ):
        page.goto(f"{live_server.url}{path}")
        page.screenshot(path=str(artifacts_dir / f"feedback-charts-{name}-{width}.png"), full_page=True)
        charts = page.evaluate(MEASURE)
        assert charts, f"no chart on {path}"
        for chart in charts:
            frame = chart["frame"]
            assert frame[2] <= width, f"a chart on {path} is wider than the screen"
            for t in chart["texts"]:
                box = t["box"]
                assert box[0] >= frame[0] - 1 and box[2] <= frame[2] + 1, f"{t['text']!r} is cut at the side"
                assert box[1] >= frame[1] - 1 and box[3] <= frame[3] + 1, (
                    f"{t['text']!r} is cut at the top/bottom"
                )
            flat = [t for t in chart["texts"] if not t["turned"]]
            for i, a in enumerate(flat):
                for b in flat[i + 1 :]:
                    assert not _overlap(a["box"], b["box"]), f"{a['text']!r} overlaps {b['text']!r} on {path}"
