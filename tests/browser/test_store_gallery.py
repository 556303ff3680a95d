"""The product page and the notification centre in a real browser: the gallery (thumbnails, previous
and next, the picked version's picture), the variant picker and the buy bar that stays on a phone's
screen above the tab bar; the same page without JavaScript; the notification centre's groups,
filters and "Mark all read". Screenshots at 390 and 1366 px, light and dark, in test-artifacts/."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from playwright.sync_api import expect
from wagtail.images import get_image_model

from community.notifications.actions import notify
from store.models import CartLine, ProductImage
from tests.factories import UserFactory
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COLOURS = {"Midnight Black": (28, 29, 33), "Forest Green": (31, 122, 77)}


def _sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _phone():
    product = ProductFactory(
        name="Aurora 14", slug="aurora-14", description="A phone.\n\n" + "Long text. " * 200
    )
    VariantFactory(
        product=product,
        sku="A14-BLK",
        options={"Colour": "Midnight Black", "Storage": "256 GB"},
        price_minor=79900,
    )
    VariantFactory(
        product=product,
        sku="A14-GRN",
        options={"Colour": "Forest Green", "Storage": "512 GB"},
        price_minor=89900,
    )
    VariantFactory(
        product=product, sku="A14-GRN-1T", options={"Colour": "Forest Green", "Storage": "1 TB"}, stock=0
    )
    position = 0
    for colour, rgb in COLOURS.items():
        for view in ("back", "front"):
            buffer = io.BytesIO()
            PILImage.new("RGB", (480, 360), rgb).save(buffer, format="PNG")
            image = get_image_model().objects.create(
                title=f"{colour} {view}",
                file=ImageFile(buffer, name=f"{colour}-{view}.png".replace(" ", "-")),
            )
            ProductImage.objects.create(
                product=product,
                image=image,
                alt_text=f"Aurora 14 in {colour}, {view}",
                option_value=colour,
                sort_order=position,
            )
            position += 1
    return product


def _current_picture(page) -> int:
    """The picture the gallery shows: its number, from how far the scroller has moved."""
    return page.evaluate(
        """() => { const t = document.querySelector('[data-gallery-track]');
                   return Math.round(t.scrollLeft / t.clientWidth) + 1; }"""
    )


def test_gallery_variant_picker_and_a_buy_bar_that_stays_on_a_phone(page, live_server, artifacts_dir):
    _phone()
    buyer = UserFactory(username="lena")
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page.context, live_server, buyer)
    errors, missing = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    page.goto(f"{live_server.url}/store/aurora-14/")

    # The gallery: four thumbnails, the first current; a thumbnail scrolls the gallery, not the page
    thumbs = page.locator("[data-gallery-thumb]")
    expect(thumbs).to_have_count(4)
    expect(thumbs.first).to_have_attribute("aria-current", "true")
    expect(page.locator("[data-gallery-count]")).to_have_text("1 / 4")
    thumbs.nth(2).click()
    expect(thumbs.nth(2)).to_have_attribute("aria-current", "true")
    page.wait_for_function("() => Math.round(document.querySelector('[data-gallery-track]').scrollLeft) > 0")
    page.wait_for_timeout(600)  # the smooth scroll ends
    assert _current_picture(page) == 3 and page.evaluate("window.scrollY") == 0
    page.get_by_role("button", name="Next picture").click()
    expect(page.locator("[data-gallery-count]")).to_have_text("4 / 4")
    expect(page.get_by_role("button", name="Next picture")).to_be_disabled()
    page.get_by_role("button", name="Previous picture").click()
    expect(thumbs.nth(2)).to_have_attribute("aria-current", "true")

    # The picker: radios shown as buttons; the sold-out one cannot be picked; picking a version
    # shows its colour's first picture and puts its price beside the buy buttons
    black = page.get_by_role("radio", name=re.compile("Midnight Black"))
    green = page.get_by_role("radio", name=re.compile("Forest Green.*512"))
    expect(black).to_be_checked()
    expect(page.get_by_role("radio", name=re.compile("1 TB"))).to_be_disabled()
    bar = page.locator("[data-buy-bar]")
    expect(bar.locator(".buy-bar__choice:visible")).to_contain_text("$799.00")
    page.locator("label.variant-option", has=black).click()
    expect(thumbs.first).to_have_attribute("aria-current", "true")
    page.locator("label.variant-option", has=green).click()
    expect(green).to_be_checked()
    expect(thumbs.nth(2)).to_have_attribute("aria-current", "true")
    expect(bar.locator(".buy-bar__choice:visible")).to_contain_text("$899.00")
    expect(bar.locator(".buy-bar__choice:visible")).to_contain_text("Forest Green / 512 GB")
    page.screenshot(path=str(artifacts_dir / "store-product-390.png"))

    # Scrolled down the long description, the buy bar with its price is still on screen, above the
    # tab bar and not under it
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_timeout(300)
    viewport = page.viewport_size
    box = bar.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] + 1
    tabbar = page.locator(".tabbar")
    if tabbar.count() and tabbar.is_visible():
        assert box["y"] + box["height"] <= tabbar.bounding_box()["y"] + 1, "the buy bar is under the tab bar"
    expect(bar.get_by_role("button", name="Buy now")).to_be_in_viewport()
    expect(bar.locator(".buy-bar__choice:visible .buy-bar__price")).to_have_text("$899.00")
    page.screenshot(path=str(artifacts_dir / "store-product-390-scrolled.png"))

    # The bar's button adds the picked version through the same cart form
    bar.get_by_role("button", name="Add to cart").click()
    page.wait_for_load_state()
    line = CartLine.objects.select_related("variant").get()
    assert line.variant.sku == "A14-GRN" and line.quantity == 1
    # nothing failed but the pictures' files (the live server serves no media; their size is set)
    assert all("/media/" in url for url in missing), missing
    assert all("Failed to load resource" in error for error in errors), errors

    # Desktop, light and dark: the gallery beside the facts, the buy bar in the column, not stuck
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/store/aurora-14/")
    page.screenshot(path=str(artifacts_dir / "store-product-1366.png"))
    gallery, info = (
        page.locator("[data-gallery]").bounding_box(),
        page.locator(".product__info").bounding_box(),
    )
    assert gallery["x"] + gallery["width"] <= info["x"], "the gallery and the facts sit side by side"
    page.context.add_cookies([{"name": "color_scheme", "value": "dark", "url": live_server.url}])
    page.goto(f"{live_server.url}/store/aurora-14/")
    page.screenshot(path=str(artifacts_dir / "store-product-1366-dark.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/store/aurora-14/")
    page.screenshot(path=str(artifacts_dir / "store-product-390-dark.png"))


def test_product_page_works_without_javascript(browser, live_server, artifacts_dir):
    _phone()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/store/aurora-14/")
    # the JavaScript-only controls stay hidden; a thumbnail is a link to its picture
    expect(page.get_by_role("button", name="Next picture")).to_be_hidden()
    page.locator('[data-gallery-thumb="3"]').click()
    assert page.url.endswith("#picture-4")
    page.wait_for_timeout(300)
    assert _current_picture(page) == 4
    # the buy bar follows the picked radio by CSS alone
    bar = page.locator("[data-buy-bar]")
    expect(bar.locator(".buy-bar__choice:visible")).to_contain_text("$799.00")
    page.locator("label.variant-option", has=page.get_by_role("radio", name=re.compile("512"))).click()
    expect(bar.locator(".buy-bar__choice:visible")).to_contain_text("$899.00")
    page.screenshot(path=str(artifacts_dir / "store-product-390-nojs.png"))
    context.close()


def test_notification_centre_groups_filters_and_marks_all_read(page, live_server, artifacts_dir):
    member = UserFactory(username="leo", display_name="Leo Park")
    for name in ("sofia", "amara", "kenji"):
        notify(
            recipient_ids=[member.pk],
            kind="REPLY",
            actor=UserFactory(username=name),
            text="replied to your thread “Battery drains overnight”",
            url="/forum/",
            text_follows_actor=True,
        )
    notify(
        recipient_ids=[member.pk],
        kind="MENTION",
        actor=UserFactory(username="jonas"),
        text="mentioned you in “Night photography”",
        url="/forum/",
        text_follows_actor=True,
    )
    notify(recipient_ids=[member.pk], kind="FEEDBACK", text="“Wi-Fi drops” is planned", url="/forum/")
    notify(recipient_ids=[member.pk], kind="PROGRAMME", text="You have a purchase right", url="/store/")
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 844})
        _sign_in(page.context, live_server, member)
        page.goto(f"{live_server.url}/notifications/")
        rows = page.locator(".notification")
        expect(rows).to_have_count(4)
        expect(rows.first).to_contain_text("You have a purchase right")
        expect(page.get_by_role("link", name=re.compile("Kenji and 2 others replied"))).to_be_visible()
        page.screenshot(path=str(artifacts_dir / f"notifications-{width}.png"), full_page=True)

    tabs = page.get_by_role("navigation", name="Show notifications")
    tabs.get_by_role("link", name="Mentions").click()
    expect(page.locator(".notification")).to_have_count(1)
    expect(page.locator(".notification")).to_contain_text("Jonas mentioned you")
    expect(tabs.get_by_role("link", name="Mentions")).to_have_attribute("aria-current", "page")
    tabs.get_by_role("link", name="Store").click()
    expect(page.locator(".notification")).to_have_count(1)
    expect(page.locator(".notification")).to_contain_text("purchase right")
    tabs.get_by_role("link", name="Replies").click()
    expect(page.locator(".notification")).to_have_count(1)
    expect(page.locator(".notification")).to_contain_text("3 notifications")
    page.get_by_role("button", name="Mark all read").click()
    expect(page).to_have_url(re.compile(r"/notifications/\?show=replies$"))
    expect(page.get_by_text("6 notifications marked read.")).to_be_visible()
    expect(page.locator(".notification--unread")).to_have_count(0)
    page.context.add_cookies([{"name": "color_scheme", "value": "dark", "url": live_server.url}])
    tabs = page.get_by_role("navigation", name="Show notifications")
    tabs.get_by_role("link", name="All").click()
    page.screenshot(path=str(artifacts_dir / "notifications-1366-dark.png"), full_page=True)
