"""Buying through the pages with the demo provider, as a visitor and as a member."""

import re

import pytest
from django.core import mail

from store.models import CartLine, Order
from tests.store.factories import VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]

ADDRESS = {
    "email": "guest@example.com",
    "name": "Guest Buyer",
    "line1": "1 Main St",
    "city": "Springfield",
    "postal_code": "12345",
    "country": "us",
}


def shown_total(html: str) -> str:
    return re.search(r'name="expected_total_minor" value="(\d+)"', html).group(1)


def test_visitor_buys_with_the_demo_provider(client, django_capture_on_commit_callbacks):
    variant = VariantFactory(price_minor=2500, stock=5)
    assert client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 2}).status_code == 302

    page = client.get("/store/checkout/").content.decode()
    assert "Demo payment, no money moves" in page
    assert "$50.00" in page  # totals shown before payment

    response = client.post("/store/checkout/", {**ADDRESS, "expected_total_minor": shown_total(page)})
    order = Order.objects.get()
    assert response.url == f"/store/orders/{order.number}/pay/"
    assert order.shipping_country == "US"

    pay_page = client.get(response.url).content.decode()
    assert "Demo payment, no money moves" in pay_page and "Demo: payment fails" in pay_page

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(response.url, {"outcome": "success"})
    assert done.url == order.get_absolute_url()
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    detail = client.get(order.get_absolute_url()).content.decode()
    assert "Paid" in detail and "Demo payment, no money moves" in detail
    assert mail.outbox[0].to == ["guest@example.com"]


def test_posted_prices_are_ignored(client):
    variant = VariantFactory(price_minor=2500, stock=5)
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1, "price_minor": 1, "price": "0.01"})
    page = client.get("/store/checkout/").content.decode()
    client.post(
        "/store/checkout/",
        {**ADDRESS, "expected_total_minor": shown_total(page), "unit_price_minor": 1, "total_minor": 1},
    )
    order = Order.objects.get()
    assert order.lines.get().unit_price_minor == 2500
    assert order.subtotal_minor == 2500


def test_tampered_total_gets_a_message_and_no_order(client):
    variant = VariantFactory(price_minor=2500, stock=5)
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    response = client.post("/store/checkout/", {**ADDRESS, "expected_total_minor": 1})
    assert response.status_code == 409
    assert "The total changed" in response.content.decode()
    assert not Order.objects.exists()
    variant.refresh_from_db()
    assert variant.stock == 5


@pytest.mark.parametrize("quantity", ["-3", "0", "99999999999999999999", "two"])
def test_bad_quantities_get_a_message_and_nothing_is_added(client, quantity):
    variant = VariantFactory(stock=5)
    response = client.post("/store/cart/add/", {"variant": variant.pk, "quantity": quantity}, follow=True)
    assert response.status_code == 200
    assert re.search(r"Quantity must be|at most", response.content.decode())
    assert not CartLine.objects.exists()


def test_unknown_and_sold_out_variants_get_a_message(client):
    sold_out = VariantFactory(stock=0)
    for variant_id in ("424242", "abc", str(sold_out.pk)):
        response = client.post("/store/cart/add/", {"variant": variant_id, "quantity": 1}, follow=True)
        assert re.search(r"does not exist|Choose a version|sold out", response.content.decode())
    assert not CartLine.objects.exists()
    assert not Order.objects.exists()


def test_sold_out_after_adding_is_shown_and_checkout_refused(client):
    variant = VariantFactory(stock=1)
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    place_test_order(user=None, variant=variant, session={})  # someone else buys the last one
    page = client.get("/store/checkout/")
    assert "Sold out." in page.content.decode()
    response = client.post("/store/checkout/", {**ADDRESS, "expected_total_minor": 0})
    assert response.status_code == 409
    assert Order.objects.count() == 1


def test_invalid_address_is_a_form_error(client):
    variant = VariantFactory()
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    response = client.post("/store/checkout/", {**ADDRESS, "country": "USA", "email": "nope"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the country from the list" in html and "valid email" in html
    assert not Order.objects.exists()


def test_demo_failure_cancels(client):
    variant = VariantFactory(stock=1)
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    page = client.get("/store/checkout/").content.decode()
    pay_url = client.post("/store/checkout/", {**ADDRESS, "expected_total_minor": shown_total(page)}).url
    client.post(pay_url, {"outcome": "failure"})
    order = Order.objects.get()
    assert order.status == Order.Status.CANCELLED
    variant.refresh_from_db()
    assert variant.stock == 1


def test_member_sees_order_history_and_others_get_404(client, member, other_member):
    order = place_test_order(user=member, variant=VariantFactory())
    client.force_login(member)
    history = client.get("/store/orders/").content.decode()
    assert order.number in history
    assert client.get(order.get_absolute_url()).status_code == 200

    client.force_login(other_member)
    assert order.number not in client.get("/store/orders/").content.decode()
    assert client.get(order.get_absolute_url()).status_code == 404
    assert client.post(f"/store/orders/{order.number}/pay/", {"outcome": "success"}).status_code == 404
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_guest_order_is_visible_only_to_its_session(client):
    variant = VariantFactory()
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    page = client.get("/store/checkout/").content.decode()
    client.post("/store/checkout/", {**ADDRESS, "expected_total_minor": shown_total(page)})
    order = Order.objects.get()
    assert client.get(order.get_absolute_url()).status_code == 200
    from django.test import Client

    assert Client().get(order.get_absolute_url()).status_code == 404


def test_order_history_needs_log_in(client):
    response = client.get("/store/orders/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_buyer_cancels_a_pending_order(client, member):
    variant = VariantFactory(stock=2)
    order = place_test_order(user=member, variant=variant)
    client.force_login(member)
    client.post(f"/store/orders/{order.number}/cancel/")
    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and variant.stock == 2


def shown_key(html: str) -> str:
    return re.search(r'name="checkout_key" value="([^"]+)"', html).group(1)


def test_the_same_form_submitted_twice_gives_one_order(client):
    variant = VariantFactory(stock=5)
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    page = client.get("/store/checkout/").content.decode()
    form = {**ADDRESS, "expected_total_minor": shown_total(page), "checkout_key": shown_key(page)}

    first = client.post("/store/checkout/", form)
    again = client.post("/store/checkout/", form)  # the cart is empty now: the first order is shown

    order = Order.objects.get()
    assert first.url == again.url == f"/store/orders/{order.number}/pay/"
    variant.refresh_from_db()
    assert variant.stock == 4


def test_each_checkout_page_carries_a_new_key(client):
    variant = VariantFactory(stock=5)
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    assert shown_key(client.get("/store/checkout/").content.decode()) != shown_key(
        client.get("/store/checkout/").content.decode()
    )


def test_a_resubmission_without_the_key_after_the_order_goes_to_the_cart(client):
    variant = VariantFactory(stock=5)
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    page = client.get("/store/checkout/").content.decode()
    client.post("/store/checkout/", {**ADDRESS, "expected_total_minor": shown_total(page)})

    again = client.post("/store/checkout/", {**ADDRESS, "expected_total_minor": shown_total(page)})

    assert again.status_code == 302 and again.url == "/store/cart/"
    assert Order.objects.count() == 1


def test_country_is_a_list_of_names(client):
    variant = VariantFactory()
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    html = client.get("/store/checkout/").content.decode()
    assert '<select name="country"' in html
    assert '<option value="DE">Germany</option>' in html
    assert '<option value="GE">Georgia</option>' in html


@pytest.mark.parametrize("typed", ["Germany", "GER", "D", "XX", "de\n"])
def test_a_typed_country_that_is_not_on_the_list_is_a_form_error(client, typed):
    variant = VariantFactory()
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    response = client.post("/store/checkout/", {**ADDRESS, "country": typed})
    assert response.status_code == 400
    assert "Choose the country from the list" in response.content.decode()
    assert not Order.objects.exists()


def test_the_chosen_country_is_stored_as_its_code(client):
    variant = VariantFactory()
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    page = client.get("/store/checkout/").content.decode()
    client.post("/store/checkout/", {**ADDRESS, "country": "DE", "expected_total_minor": shown_total(page)})
    order = Order.objects.get()
    assert order.shipping_country.code == "DE" and order.shipping_country.name == "Germany"


@pytest.mark.parametrize("field", ["name", "line1", "line2", "city", "postal_code", "purchase_code"])
@pytest.mark.parametrize("bad", ["Ada\r\nBcc: x@example.com", "Ada\x00", "Ada\x1b[31m", "Ada\u0085"])
def test_control_characters_in_an_address_field_are_a_form_error(client, field, bad):
    variant = VariantFactory()
    client.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    response = client.post("/store/checkout/", {**ADDRESS, field: bad})
    assert response.status_code == 400
    assert "line breaks and control characters" in response.content.decode()
    assert not Order.objects.exists()
