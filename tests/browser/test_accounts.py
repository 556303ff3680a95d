import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-and-unusual-passphrase"


def test_sign_up_verify_log_in_and_switch_theme(page, live_server, mailoutbox, artifacts_dir):
    # Given a visitor on the sign-up page
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Email").fill("nadia@example.com")
    page.get_by_label("Username").fill("nadia")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()

    # Then a verification mail is sent and the account cannot be used yet
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)

    # When the visitor follows the link and confirms
    page.goto(live_server.url + link[link.index("/accounts/") :])
    page.get_by_role("button", name="Confirm").click()

    # And signs in
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username or e-mail").fill("nadia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("nadia")

    # And picks the Citrus theme
    page.goto(f"{live_server.url}/accounts/theme/")
    page.get_by_label("Citrus").check()
    page.get_by_role("button", name="Save theme").click()

    # Then every page now uses it
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("data-theme", "citrus")
    # (headless Chromium's system scheme is light: the first click switches to dark)
    page.get_by_role("button", name=re.compile("Switch (to dark|between light and dark) colours")).click()
    expect(page.locator("html")).to_have_attribute("data-color-scheme", "dark")
    page.screenshot(path=artifacts_dir / "accounts-citrus-home.png", full_page=True)
