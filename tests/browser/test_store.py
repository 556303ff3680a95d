"""Buying in a real browser with the demo provider: from a product page, and from a product card in a thread."""

import re

import pytest
from playwright.sync_api import expect

from store.models import Order
from tests.factories import TEST_PASSWORD, UserFactory
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _demo_provider(settings):
    settings.STRIPE_SECRET_KEY = ""


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(username.title())


def check_out_and_pay(page) -> None:
    expect(page.get_by_role("heading", name="Checkout")).to_be_visible()
    expect(page.locator("[data-total]")).to_be_visible()  # the total is shown before paying
    page.get_by_label("Full name").fill("Lena Buyer")
    page.get_by_label("Address", exact=True).fill("1 Canopy Way")
    page.get_by_label("City").fill("Springfield")
    page.get_by_label("Postal code").fill("12345")
    page.get_by_label("Country").select_option("US")
    page.get_by_role("button", name=re.compile("Place order")).click()
    expect(page.get_by_text("Demo payment, no money moves.").first).to_be_visible()
    page.get_by_role("button", name="Demo: payment succeeds").click()
    expect(page.locator("[data-order-status]")).to_have_text("Paid")


def test_buy_from_the_product_page_and_see_the_order(page, live_server, artifacts_dir):
    product = ProductFactory(name="Aurora Buds Pro", slug="aurora-buds-pro")
    VariantFactory(product=product, sku="ABP-WHT", options={"Colour": "White"}, price_minor=14900, stock=5)
    VariantFactory(product=product, sku="ABP-BLK", options={"Colour": "Black"}, price_minor=14900, stock=0)
    UserFactory(username="lena")

    sign_in(page, live_server.url, "lena")
    page.goto(f"{live_server.url}/store/aurora-buds-pro/")
    expect(page.locator("[data-price]")).to_have_text("$149.00")
    expect(page.get_by_role("radio", name=re.compile("Black"))).to_be_disabled()
    expect(page.get_by_role("radio", name=re.compile("White"))).to_be_checked()
    page.get_by_role("button", name="Buy now").click()
    check_out_and_pay(page)
    page.screenshot(path=str(artifacts_dir / "store-order-paid.png"))

    page.goto(f"{live_server.url}/store/orders/")
    order = Order.objects.get()
    row = page.locator(f'[data-order="{order.number}"]')
    expect(row).to_contain_text("Paid")
    expect(row).to_contain_text("$149.00")


def test_buy_from_a_product_card_in_a_thread(page, live_server, artifacts_dir):
    from tests.forum.factories import BoardFactory, make_thread

    product = ProductFactory(name="65 W USB-C Charger", slug="usb-c-charger-65w")
    VariantFactory(product=product, sku="CHG-65W", options={}, price_minor=3900, stock=10)
    UserFactory(username="lena")
    thread = make_thread(
        board=BoardFactory(slug="lounge", name="Lounge"),
        author=UserFactory(username="omar"),
        title="Travel chargers",
        body="This one is tiny: [[product:usb-c-charger-65w]]",
    )

    sign_in(page, live_server.url, "lena")
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    card = page.locator('article.product-card[data-product-card="usb-c-charger-65w"]')
    expect(card).to_contain_text("$39.00")
    expect(card).to_contain_text("In stock")
    page.screenshot(path=str(artifacts_dir / "store-card-in-thread.png"))
    card.get_by_role("button", name="Buy").click()
    check_out_and_pay(page)

    order = Order.objects.get()
    assert order.source_thread_id == thread.pk
    page.goto(f"{live_server.url}/store/orders/")
    expect(page.locator(f'[data-order="{order.number}"]')).to_contain_text("Paid")
