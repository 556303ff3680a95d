"""The buyer's loop: a thread that carries a product card, add to cart from the card, check out with a
country picked from the list, pay with the demo provider, the order page; the order mail's link opens
that page on the host and port the site is served from; a double click on "Place order" makes one order."""

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import links_in, mail_text

pytestmark = pytest.mark.journey


def find_thread_with_card(person) -> str:
    """The first thread with a product card, found the way a reader would: through a product's board."""
    page = person.page
    person.goto("/forum/b/aurora-14/")
    links = [a.get_attribute("href") for a in page.locator("a[href*='/forum/t/']").all()]
    for href in dict.fromkeys(links):
        person.goto(href)
        if page.locator("[data-product-card] form, .product-card form").count():
            return page.url
    raise AssertionError("no thread on the first page of the Aurora 14 board carries a product card")


def test_buyer(people, demo_site):
    amara = people("amara")
    page = amara.page
    amara.sign_in("amara")

    amara.goto("/store/orders/")
    orders_before = page.locator("[data-order]").count()
    thread_url = find_thread_with_card(amara)
    card = page.locator("[data-product-card]").filter(has=page.locator("form")).first
    product_name = card.locator("h3, h4, strong, .product-card__name").first.inner_text()
    amara.shot("thread-with-card")
    card.get_by_role("button", name=re.compile("add to cart", re.I)).click()
    expect(page.locator("main, .messages").first).to_contain_text(re.compile("added|cart", re.I))
    amara.goto("/store/cart/")
    expect(page.locator("main")).to_contain_text(product_name.strip()[:20])
    amara.shot("cart")

    page.get_by_role("link", name=re.compile("check ?out", re.I)).or_(
        page.get_by_role("button", name=re.compile("check ?out", re.I))
    ).first.click()
    expect(page.get_by_role("heading", name="Checkout")).to_be_visible()
    page.get_by_label("Full name").fill("Amara Okafor")
    page.get_by_label("Address", exact=True).fill("Torstraße 1")
    page.get_by_label("City").fill("Berlin")
    page.get_by_label("Postal code").fill("10119")
    page.get_by_label("Country").select_option(label="Germany")
    amara.shot("checkout")
    place = page.get_by_role("button", name=re.compile("Place order"))
    place.dblclick()
    expect(page.get_by_text("Demo payment, no money moves.").first).to_be_visible()
    page.get_by_role("button", name="Demo: payment succeeds").click()
    expect(page.locator("[data-order-status]")).to_have_text("Paid")
    order_url = page.url
    expect(page.locator("main")).to_contain_text("Germany")
    amara.shot("order-paid")

    # One order, not two, for the double click.
    amara.goto("/store/orders/")
    assert page.locator("[data-order]").count() == orders_before + 1

    # The mail's link opens the order page on the host and port the site runs on.
    message = demo_site.wait_for_mail("amara@", subject="confirmed")
    links = links_in(mail_text(message))
    assert links and all(link.startswith(demo_site.url + "/") for link in links), links
    order_link = next(link for link in links if "/store/orders/" in link)
    amara.goto(order_link)
    assert page.url.split("#")[0] == order_url.split("#")[0]
    expect(page.locator("[data-order-status]")).to_have_text("Paid")
    assert thread_url
    assert not amara.errors, amara.errors
