"""The light/dark toggle (themes/base/static/base/js/canopy.js) in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


@pytest.mark.parametrize("system, opposite", [("light", "dark"), ("dark", "light")])
def test_the_first_click_switches_to_the_opposite_of_what_the_system_shows(
    page, live_server, system, opposite
):
    # Given a visitor whose system is light (or dark) and who never chose a scheme
    page.emulate_media(color_scheme=system)
    page.goto(f"{live_server.url}/forum/")
    toggle = page.locator("[data-scheme-toggle]")
    reset = page.get_by_role("button", name="Use the system's colour scheme")
    expect(toggle).to_have_attribute("aria-label", f"Switch to {opposite} colours")
    expect(reset).to_be_hidden()
    system_background = _background(page)

    # When they click the toggle once, then the page shows the opposite scheme at once
    toggle.click()
    expect(page.locator("html")).to_have_attribute("data-color-scheme", opposite)
    assert _background(page) != system_background
    expect(toggle).to_have_attribute("aria-label", f"Switch to {system} colours")
    # and the choice survives a reload (the server renders it from the cookie)
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-color-scheme", opposite)

    # A second click goes back; "Auto" returns to the system's scheme and hides itself
    page.locator("[data-scheme-toggle]").click()
    expect(page.locator("html")).to_have_attribute("data-color-scheme", system)
    reset = page.get_by_role("button", name="Use the system's colour scheme")
    expect(reset).to_be_visible()
    reset.click()
    expect(page.locator("html")).to_have_attribute("data-color-scheme", "system")
    expect(reset).to_be_hidden()
    assert _background(page) == system_background
