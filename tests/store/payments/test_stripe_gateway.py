"""The real Stripe SDK sends its requests to a local HTTP server; we assert what it sent."""

import socket
import time

import pytest
from django.urls import reverse

from store.actions.payments import start_stripe_checkout
from store.actions.refunds import refund_order
from store.errors import StoreError
from store.models import Order, OrderEvent, Refund, StockReservation
from store.payments import stripe_gateway
from tests.factories import UserFactory
from tests.store.factories import VariantFactory, place_test_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rates(settings):
    settings.STORE_FLAT_SHIPPING_MINOR = 500
    settings.STORE_FREE_SHIPPING_FROM_MINOR = None
    settings.STORE_TAX_RATE_BASIS_POINTS = 800


def test_checkout_session_carries_the_server_side_amounts_and_links_the_order(stripe_api, member):
    variant = VariantFactory(
        price_minor=79900, sku="A14-BLK-256", options={"Colour": "Black", "Storage": "256 GB"}
    )
    order = place_test_order(user=member, variant=variant, quantity=2, email="ada@example.com")
    assert order.provider == Order.Provider.STRIPE

    url = start_stripe_checkout(
        order=order, success_url="https://shop.test/ok", cancel_url="https://shop.test/back"
    )

    assert len(stripe_api.requests) == 1
    sent = stripe_api.requests[0]
    params = sent["params"]
    assert sent["path"] == "/v1/checkout/sessions"
    assert sent["headers"]["Authorization"] == "Bearer sk_test_canopy"
    assert sent["headers"]["Idempotency-Key"] == f"checkout-{order.number}"
    assert params["mode"] == "payment"
    assert params["line_items[0][price_data][currency]"] == "usd"
    assert params["line_items[0][price_data][unit_amount]"] == "79900"
    assert params["line_items[0][quantity]"] == "2"
    assert (
        params["line_items[0][price_data][product_data][name]"] == f"{variant.product.name} (Black / 256 GB)"
    )
    assert params["line_items[1][price_data][product_data][name]"] == "Shipping"
    assert params["line_items[1][price_data][unit_amount]"] == "500"
    assert params["line_items[2][price_data][product_data][name]"] == "Tax"
    assert params["line_items[2][price_data][unit_amount]"] == str(order.tax_minor)
    items_total = 79900 * 2 + 500 + int(params["line_items[2][price_data][unit_amount]"])
    assert items_total == order.total_minor
    assert params["metadata[order_number]"] == order.number
    assert params["metadata[order_id]"] == str(order.pk)
    assert params["payment_intent_data[metadata][order_number]"] == order.number
    assert params["client_reference_id"] == order.number
    assert params["customer_email"] == "ada@example.com"
    assert params["success_url"] == "https://shop.test/ok"
    # Stripe needs a session open for at least 30 minutes: the stock hold is stretched to match it.
    assert int(params["expires_at"]) >= int(time.time()) + 30 * 60
    order.refresh_from_db()
    assert params["expires_at"] == str(int(order.reserved_until.timestamp()))
    assert StockReservation.objects.get(order=order).expires_at == order.reserved_until

    order.refresh_from_db()
    assert url == f"https://checkout.stripe.com/c/pay/{order.stripe_checkout_session_id}"
    assert order.status == Order.Status.PENDING  # starting checkout never pays
    assert OrderEvent.objects.filter(order=order, kind="checkout_started").exists()

    # Pressing "Pay" again returns the same session without asking Stripe for another.
    assert start_stripe_checkout(order=order, success_url="https://shop.test/ok", cancel_url="x") == url
    assert len(stripe_api.requests) == 1


def test_pay_view_redirects_to_stripe_and_the_success_url_does_not_mark_paid(
    stripe_api, member_client, member
):
    order = place_test_order(user=member, variant=VariantFactory())
    response = member_client.post(reverse("store:pay", kwargs={"number": order.number}))
    assert response.status_code == 302 and response.url.startswith("https://checkout.stripe.com/")
    success_url = stripe_api.requests[0]["params"]["success_url"]
    assert success_url.endswith(f"{order.get_absolute_url()}?checkout=success")

    page = member_client.get(f"{order.get_absolute_url()}?checkout=success")

    assert b"as soon as Stripe confirms the payment" in page.content
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_stripe_error_is_a_clear_message_and_no_charge(stripe_api, member):
    stripe_api.fail_with = (
        402,
        {"error": {"type": "card_error", "message": "Your card was declined.", "code": "card_declined"}},
    )
    order = place_test_order(user=member, variant=VariantFactory())
    with pytest.raises(stripe_gateway.PaymentGatewayError, match="declined"):
        start_stripe_checkout(order=order, success_url="https://s/ok", cancel_url="https://s/no")
    order.refresh_from_db()
    assert order.stripe_checkout_session_id is None and order.status == Order.Status.PENDING


def test_refund_goes_through_stripe_with_the_payment_intent(stripe_api, member):
    team = UserFactory(username="teamlead", is_superuser=True, is_staff=True)
    order = place_test_order(user=member, variant=VariantFactory(price_minor=5000))
    Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID, stripe_payment_intent_id="pi_123")

    refund_order(order_id=order.pk, actor=team, amount_minor=2000, reason="Scratched")

    sent = stripe_api.requests[-1]
    assert sent["path"] == "/v1/refunds"
    assert sent["params"] == {"payment_intent": "pi_123", "amount": "2000"}
    assert sent["headers"]["Idempotency-Key"] == f"refund-{order.number}-0-2000"
    order.refresh_from_db()
    assert order.status == Order.Status.PARTIALLY_REFUNDED and order.refunded_minor == 2000
    assert Refund.objects.get(order=order).stripe_refund_id.startswith("re_test_")


def test_refund_more_than_paid_is_refused_before_calling_stripe(stripe_api, member):
    team = UserFactory(username="teamlead2", is_superuser=True, is_staff=True)
    order = place_test_order(user=member, variant=VariantFactory(price_minor=5000))
    Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID, stripe_payment_intent_id="pi_1")
    with pytest.raises(StoreError, match="left to refund"):
        refund_order(order_id=order.pk, actor=team, amount_minor=order.total_minor + 1)
    assert stripe_api.requests == []


@pytest.fixture
def stripe_unreachable(settings):
    """Stripe configured, its API base a closed port on this machine: every call fails to connect."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.STRIPE_SECRET_KEY = "sk_test_canopy"
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{port}"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"


def test_unreachable_stripe_is_a_clear_message_and_the_order_keeps_its_items(
    stripe_unreachable, member_client, member, caplog
):
    variant = VariantFactory(stock=3)
    order = place_test_order(user=member, variant=variant, quantity=2)
    pay_url = reverse("store:pay", kwargs={"number": order.number})

    with caplog.at_level("ERROR", logger="store.payments.stripe_gateway"):
        response = member_client.post(pay_url, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[0] == (pay_url, 302)
    assert "Payment could not be started" in html and "Try again in a minute" in html
    assert "ConnectionPool" not in html and "Errno" not in html and "127.0.0.1" not in html
    assert any(
        order.number in r.getMessage() and "cannot reach Stripe" in r.getMessage() for r in caplog.records
    )
    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == Order.Status.PENDING and order.stripe_checkout_session_id is None
    assert variant.stock == 1
    assert StockReservation.objects.get(order=order).status == StockReservation.Status.ACTIVE


def test_unreachable_stripe_on_refund_tells_the_team_nothing_was_refunded(stripe_unreachable, member):
    team = UserFactory(username="teamlead3", is_superuser=True, is_staff=True)
    order = place_test_order(user=member, variant=VariantFactory(price_minor=5000))
    Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID, stripe_payment_intent_id="pi_9")
    with pytest.raises(StoreError, match="nothing was refunded"):
        refund_order(order_id=order.pk, actor=team, amount_minor=1000)
    assert not Refund.objects.exists()


def test_a_stripe_error_that_is_not_the_buyers_is_not_shown_raw(stripe_api, member):
    stripe_api.fail_with = (
        401,
        {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: sk_test_****nopy"}},
    )
    order = place_test_order(user=member, variant=VariantFactory())
    with pytest.raises(stripe_gateway.PaymentGatewayError) as caught:
        start_stripe_checkout(order=order, success_url="https://s/ok", cancel_url="https://s/no")
    assert "API Key" not in str(caught.value) and "Nothing was charged" in str(caught.value)
