"""The product team merges a duplicate picked by search, in a real browser: with htmx as they type
(and Enter, which never posts the merge), and without JavaScript (the search is a GET of the page).
Screenshots of the item page with candidates at 1366 and 390 px go to test-artifacts/."""

import re

import pytest
from playwright.sync_api import expect

from forum.feedback.models import FeedbackItem
from forum.models import Board
from tests.browser.test_feedback import sign_in
from tests.factories import UserFactory, make_team_member
from tests.forum.factories import BoardFactory
from tests.forum.feedback.factories import make_item, vote
from tests.store.factories import ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def board(db):
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    return BoardFactory(
        slug="aurora-14-feedback", name="Aurora 14 feedback", kind=Board.Kind.FEEDBACK, product=product
    )


@pytest.fixture
def team(db):
    user = make_team_member()
    return user


@pytest.fixture
def original(board):
    item = make_item(board=board, title="Bluetooth audio stutters with two devices")
    vote(item, UserFactory(), UserFactory())
    make_item(board=board, title="Bluetooth pairing fails with a smartwatch after the update to V14.0.3")
    make_item(board=board, title="Car mode does not start")
    make_item(board=board, title="Battery drains overnight")
    return item


def test_the_team_picks_the_original_as_they_type(page, live_server, board, team, original, artifacts_dir):
    duplicate = make_item(board=board, title="Car bluetooth keeps disconnecting")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in(page.context, live_server, team)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + duplicate.get_absolute_url())
        merge = page.locator("form", has=page.get_by_role("button", name=re.compile("merge", re.I)))
        merge.get_by_role("searchbox").fill("Bluetooth car")
        choice = merge.locator("li").filter(has_text="stutters")
        expect(choice).to_be_visible()
        assert choice.inner_text().startswith("Bluetooth audio stutters with two devices")
        choice.click()
        expect(choice.get_by_role("radio")).to_be_checked()
        page.screenshot(path=artifacts_dir / f"feedback-merge-{width}.png", full_page=True)
    # Enter in the box asks htmx again; it does not post the merge or leave the page
    box = page.get_by_role("searchbox", name="Merge into…")
    box.fill("car mode")
    box.press("Enter")
    expect(page.locator("#merge-candidates")).to_contain_text("Car mode does not start")
    assert page.url == live_server.url + duplicate.get_absolute_url()
    assert FeedbackItem.objects.get(pk=duplicate.pk).duplicate_of_id is None

    box.fill("Bluetooth car")
    page.locator("#merge-candidates li").filter(has_text="stutters").click()
    page.get_by_role("button", name="Merge as duplicate").click()
    expect(page.locator("main")).to_contain_text("Merged duplicates")
    assert page.url == live_server.url + original.get_absolute_url()
    assert FeedbackItem.objects.get(pk=duplicate.pk).duplicate_of_id == original.pk
    assert not errors, errors  # no CSP violation, no script error


def test_without_javascript_the_search_reloads_the_page(browser, live_server, board, team, original):
    duplicate = make_item(board=board, title="Car bluetooth again")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    sign_in(context, live_server, team)
    page.goto(live_server.url + duplicate.get_absolute_url())
    page.get_by_role("searchbox", name="Merge into…").fill("bluetooth")
    page.get_by_role("button", name="Search", exact=True).click()
    assert "merge_q=bluetooth" in page.url
    page.get_by_role("group").filter(has_text="pick the original").locator("li").filter(
        has_text="stutters"
    ).click()
    page.get_by_role("button", name="Merge as duplicate").click()
    expect(page.locator("main")).to_contain_text("Merged duplicates")
    assert FeedbackItem.objects.get(pk=duplicate.pk).duplicate_of_id == original.pk
    context.close()
