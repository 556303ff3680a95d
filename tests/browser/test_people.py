"""People in the browser: the person card on a touch screen (a tap opens it, a tap elsewhere or
Escape closes it, a mouse click still follows the link) and avatars whose stored sizes are missing
(components/person.html, person_card.html, avatar.html; canopy.js)."""

import re

import pytest
from django.core.files.storage import default_storage
from playwright.sync_api import expect

from community.profiles import avatars
from community.profiles.actions.profile import set_avatar
from tests.community.profiles.actions.test_profile import png
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_replies, make_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def thread(db):
    nadia, omar = UserFactory(username="nadia"), UserFactory(username="omar")
    thread = make_thread(
        board=BoardFactory(slug="lounge", name="Lounge"), author=nadia, title="Which charger do you use?"
    )
    make_replies(thread, 1, authors=[omar])
    return thread


def test_a_tap_on_a_name_opens_the_person_card_and_a_tap_elsewhere_closes_it(
    browser, live_server, artifacts_dir, thread
):
    context = browser.new_context(has_touch=True, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + thread.get_absolute_url())
    assert page.evaluate("matchMedia('(hover: none)').matches")  # a touch screen, as a phone's
    person = page.locator("#p1 .post__head .person").first
    card = person.locator(".person__card")

    # When a phone user taps the author's name
    person.locator(".person__name").tap()
    # Then the card opens in place (the page stays), with a way on to the profile
    expect(card.get_by_role("link", name="View profile")).to_be_visible()
    expect(card).to_contain_text("Level")
    assert page.url.endswith(thread.get_absolute_url())
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the open card makes the page {widths[0]} px wide"
    page.screenshot(path=str(artifacts_dir / "person-card-tap-390.png"))

    # When they tap elsewhere on the page, it closes
    page.locator("h1").tap()
    expect(card).to_be_hidden()

    # A tap on the avatar opens it again; Escape closes it
    person.locator(".person__avatar").tap()
    expect(card.get_by_role("link", name="View profile")).to_be_visible()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()

    # "View profile" in the card goes to the profile
    person.locator(".person__name").tap()
    card.get_by_role("link", name="View profile").tap()
    expect(page).to_have_url(re.compile(r"/people/nadia/$"))
    context.close()


def test_a_mouse_click_on_a_name_follows_the_link(page, live_server, thread):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + thread.get_absolute_url())
    assert not page.evaluate("matchMedia('(hover: none)').matches")

    page.locator("#p1 .post__head .person__name").first.click()

    expect(page).to_have_url(re.compile(r"/people/nadia/$"))


def _serve_media(page, settings) -> list[str]:
    """The live server serves no media (DEBUG is off; the tests store files in memory): answer
    avatar requests from the storage, 404 for a file it does not hold. Returns the missing paths."""
    missing: list[str] = []

    def handle(route):
        path = route.request.url.split(settings.MEDIA_URL, 1)[1].split("?")[0]
        if default_storage.exists(path):
            with default_storage.open(path) as file:
                route.fulfill(status=200, body=file.read(), content_type="image/png")
        else:
            missing.append(path)
            route.fulfill(status=404, body="not found")

    page.route(re.compile(re.escape(settings.MEDIA_URL) + "avatars/"), handle)
    return missing


def test_an_avatar_whose_sizes_are_missing_falls_back_and_never_shows_a_broken_image(
    page, live_server, thread, django_capture_on_commit_callbacks, settings
):
    # Given Nadia's avatar lost its small copies and Omar's files are all gone
    nadia, omar = thread.author, thread.posts.order_by("number").last().author
    with django_capture_on_commit_callbacks(execute=True):
        nadia_name = set_avatar(user=nadia, upload=png(300, 300)).avatar.name
        omar_name = set_avatar(user=omar, upload=png(300, 300)).avatar.name
    storage = nadia.profile.avatar.storage
    for width in avatars.VARIANT_WIDTHS:
        storage.delete(avatars.variant_name(nadia_name, width))
    for stored in avatars.all_names(omar_name):
        storage.delete(stored)
    missing = _serve_media(page, settings)

    # When someone reads the thread
    page.goto(live_server.url + thread.get_absolute_url())

    # Then Nadia's avatar shows the stored original, and Omar's the initials: no broken image
    nadia_avatar = page.locator("#p1 .post__head .person__avatar .avatar").first
    expect(nadia_avatar).to_have_attribute("src", re.compile(re.escape(nadia_name.split("/")[-1]) + "$"))
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0 && img.currentSrc.endsWith('-256.png')",
        arg=nadia_avatar.element_handle(),
    )
    omar_avatar = page.locator("#p2 .post__head .person__avatar .avatar").first
    expect(omar_avatar).to_have_class(re.compile("avatar--missing"))
    expect(omar_avatar).to_have_attribute("data-initials", "O")
    broken = page.evaluate(
        "[...document.querySelectorAll('img.avatar')].filter((i) => i.complete && i.naturalWidth === 0).length"
    )
    assert broken == 0
    assert missing, missing  # (the copies were asked for and answered 404: the fallback was exercised)
