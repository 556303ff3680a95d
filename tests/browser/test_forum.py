import re

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, UserFactory
from tests.forum.factories import BoardFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(username.title())


def test_thread_reply_quote_vote_notification_and_unread(page, browser, live_server, artifacts_dir):
    board = BoardFactory(slug="lounge", name="Lounge")
    UserFactory(username="nadia")
    UserFactory(username="omar")

    # Given Nadia signs in and starts a thread
    sign_in(page, live_server.url, "nadia")
    page.goto(f"{live_server.url}/forum/b/{board.slug}/")
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Title").fill("Which charger do you use?")
    page.get_by_label("Text (Markdown)").fill("Looking for a small **65 W** charger for travel.")
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", name="Which charger do you use?")).to_be_visible()
    thread_url = page.url

    # When Omar, in his own browser, quotes her post in a reply and votes for it
    other = browser.new_context()
    omar = other.new_page()
    sign_in(omar, live_server.url, "omar")
    omar.goto(thread_url)
    omar.locator("#p1").get_by_role("link", name="Quote").click()
    expect(omar.get_by_label("Your reply (Markdown)")).to_have_value(
        re.compile(r"> \*\*Nadia\*\* wrote in #1")
    )
    omar.get_by_label("Your reply (Markdown)").press("End")
    omar.get_by_label("Your reply (Markdown)").type("\nThe 65 W GaN one from the store is tiny.")
    omar.get_by_role("button", name="Post reply").click()
    expect(omar.locator("#p2")).to_contain_text("The 65 W GaN one from the store is tiny.")
    omar.locator("#p1").get_by_role("button", name="Vote up").click()
    expect(omar.locator("#p1 [data-score]")).to_have_text("1")  # updated in place by htmx
    expect(omar.locator("#p1").get_by_role("button", name="Remove your vote")).to_be_visible()
    other.close()

    # Then Nadia sees the notification badge, the notification and the unread marker
    page.goto(f"{live_server.url}/forum/b/{board.slug}/")
    expect(page.locator("[data-unread-notifications]")).to_have_text("1")
    expect(page.locator("[data-unread-marker]")).to_have_text("New replies")
    page.screenshot(path=str(artifacts_dir / "forum-unread.png"))
    page.get_by_role("link", name=re.compile("Notifications")).click()
    expect(page.get_by_role("link", name=re.compile("Omar replied to your post"))).to_be_visible()
    page.get_by_role("link", name=re.compile("Omar replied to your post")).click()
    expect(page.locator("#p2")).to_contain_text("tiny")
    expect(page.locator("#p1 [data-score]")).to_have_text("1")
