"""The MIUI loop in a real browser: report -> vote -> status change -> release -> notification."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect

from community.teams import team_group_name
from forum.feedback.models import FeedbackItem
from forum.models import Board
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory
from tests.forum.feedback.factories import make_release
from tests.store.factories import ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(context, live_server, user):
    """Log in through Django's session machinery (the log-in form has its own browser test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.clear_cookies()
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_report_vote_triage_release_and_notification(page, live_server, artifacts_dir):
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    board = BoardFactory(
        slug="aurora-14-feedback", name="Aurora 14 feedback", kind=Board.Kind.FEEDBACK, product=product
    )
    reporter, voter, team = (UserFactory(username=name) for name in ("nadia", "omar", "mira"))
    team.groups.add(Group.objects.get(name=team_group_name()))

    # Given a member reports a bug in the product's feedback board
    sign_in(page.context, live_server, reporter)
    page.goto(f"{live_server.url}/forum/feedback/new/{board.slug}/")
    page.get_by_label("Bug").check()
    page.get_by_label("Title").fill("Battery drains overnight on standby")
    page.get_by_label("Description").fill("Empty every morning since the update.")
    page.get_by_label("Steps to reproduce").fill("Charge to 100% and leave it overnight.")
    page.get_by_label("Actual result").fill("0% in the morning.")
    page.get_by_role("button", name="File feedback").click()
    expect(page.get_by_role("heading", name="Battery drains overnight on standby")).to_be_visible()
    expect(page.locator(".fb-badge").first).to_have_text("New")
    item = FeedbackItem.objects.get()

    # When another member votes "me too"
    sign_in(page.context, live_server, voter)
    page.goto(live_server.url + item.get_absolute_url())
    page.get_by_role("button", name="Me too").click()
    page.goto(live_server.url + item.get_absolute_url())
    expect(page.locator("[data-votes]")).to_have_text("1")

    # And the product team plans it with a public comment
    sign_in(page.context, live_server, team)
    page.goto(live_server.url + item.get_absolute_url())
    page.get_by_label("Status").select_option(label="Planned")
    page.get_by_label("Comment").fill("On our list for the next build.")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".fb-timeline")).to_contain_text("On our list for the next build.")

    # And ships a release whose changelog fixes it
    release = make_release(
        product=product, version="V14.0.3.0", changelog=f"## Fixed\n- Standby drain (#{item.thread_id})\n"
    )
    page.goto(live_server.url + release.get_absolute_url())
    page.get_by_role("button", name="Publish and notify").click()
    expect(page.locator("main")).to_contain_text("Standby drain")

    # Then the reporter and the voter are told, once, and the item reads "Fixed in V14.0.3.0"
    for person in (reporter, voter):
        sign_in(page.context, live_server, person)
        page.goto(f"{live_server.url}/notifications/")
        expect(page.get_by_text("is fixed in Aurora 14 V14.0.3.0")).to_have_count(1)
    page.goto(live_server.url + item.get_absolute_url())
    expect(page.locator(".fb-badge").first).to_have_text("Fixed in V14.0.3.0")
    page.screenshot(path=artifacts_dir / "feedback-fixed.png", full_page=True)
