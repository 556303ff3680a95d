"""Stripe webhooks signed with the real scheme and verified by stripe.Webhook.construct_event."""

import hashlib
import hmac
import json
import time

import pytest
from django.core import mail
from django.urls import reverse

from store.actions.refunds import refund_order
from store.models import Order, OrderEvent, Refund, StockReservation, StripeEvent
from tests.factories import UserFactory
from tests.store.conftest import WEBHOOK_SECRET
from tests.store.factories import VariantFactory, place_test_order

pytestmark = pytest.mark.django_db
URL = reverse("store:stripe_webhook")


def sign(payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


def event(event_type: str, obj: dict, event_id: str = "evt_1") -> bytes:
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "api_version": "2026-10-28.endive",
            "created": int(time.time()),
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": event_type,
            "data": {"object": obj},
        }
    ).encode()


def session_object(
    order: Order, *, payment_status="paid", amount=None, currency="usd", session_id=None
) -> dict:
    return {
        "id": session_id or order.stripe_checkout_session_id,
        "object": "checkout.session",
        "amount_subtotal": order.subtotal_minor,
        "amount_total": order.total_minor if amount is None else amount,
        "currency": currency,
        "client_reference_id": order.number,
        "customer_email": order.email,
        "metadata": {"order_number": order.number, "order_id": str(order.pk)},
        "mode": "payment",
        "payment_intent": "pi_test_1",
        "payment_status": payment_status,
        "status": "complete",
    }


def post(client, payload: bytes, signature: str | None):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return client.post(URL, data=payload, content_type="application/json", **headers)


@pytest.fixture
def stripe_order(stripe_api, member):
    order = place_test_order(user=member, variant=VariantFactory(price_minor=5000, stock=3), quantity=1)
    Order.objects.filter(pk=order.pk).update(stripe_checkout_session_id="cs_test_abc")
    order.refresh_from_db()
    return order


def test_completed_session_marks_paid_once(client, stripe_order, django_capture_on_commit_callbacks):
    payload = event("checkout.session.completed", session_object(stripe_order))

    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, payload, sign(payload))
    second = post(client, payload, sign(payload))  # Stripe retries: the same event id again

    assert first.status_code == 200 and first.content == b"paid"
    assert second.status_code == 200 and second.content == b"duplicate"
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PAID
    assert stripe_order.stripe_payment_intent_id == "pi_test_1"
    assert OrderEvent.objects.filter(order=stripe_order, to_status=Order.Status.PAID).count() == 1
    assert StripeEvent.objects.get(event_id="evt_1").order == stripe_order
    assert StockReservation.objects.get(order=stripe_order).status == StockReservation.Status.CONSUMED
    assert len(mail.outbox) == 1


def test_a_second_event_for_the_same_payment_does_not_pay_twice(client, stripe_order):
    for event_id in ("evt_a", "evt_b"):
        payload = event("checkout.session.completed", session_object(stripe_order), event_id=event_id)
        assert post(client, payload, sign(payload)).status_code == 200
    assert OrderEvent.objects.filter(order=stripe_order, to_status=Order.Status.PAID).count() == 1
    assert StripeEvent.objects.get(event_id="evt_b").outcome == "already paid"


def test_replayed_payment_events_award_the_owner_badge_once(
    client, stripe_order, member, django_capture_on_commit_callbacks
):
    from community.reputation.api import VERIFIED_OWNER
    from community.reputation.models import BadgeAward

    for event_id in ("evt_a", "evt_a", "evt_b"):
        payload = event("checkout.session.completed", session_object(stripe_order), event_id=event_id)
        with django_capture_on_commit_callbacks(execute=True):
            assert post(client, payload, sign(payload)).status_code == 200
    assert BadgeAward.objects.filter(user=member, badge__code=VERIFIED_OWNER).count() == 1


def test_tampered_payload_is_rejected(client, stripe_order):
    payload = event("checkout.session.completed", session_object(stripe_order))
    signature = sign(payload)
    tampered = payload.replace(b'"payment_status": "paid"', b'"payment_status": "paid" ')
    response = post(client, tampered, signature)
    assert response.status_code == 400
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PENDING
    assert not StripeEvent.objects.exists()


def test_unsigned_event_is_rejected(client, stripe_order):
    payload = event("checkout.session.completed", session_object(stripe_order))
    assert post(client, payload, None).status_code == 400
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PENDING


def test_wrong_secret_is_rejected(client, stripe_order):
    payload = event("checkout.session.completed", session_object(stripe_order))
    assert post(client, payload, sign(payload, secret="whsec_other")).status_code == 400
    assert not StripeEvent.objects.exists()


def test_stale_event_is_rejected(client, stripe_order):
    payload = event("checkout.session.completed", session_object(stripe_order))
    response = post(client, payload, sign(payload, timestamp=int(time.time()) - 600))
    assert response.status_code == 400
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PENDING


def test_get_is_not_allowed(client, stripe_api):
    assert client.get(URL).status_code == 405


def test_webhooks_refused_when_not_configured(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload = event("checkout.session.completed", {})
    assert post(client, payload, sign(payload)).status_code == 503


def test_amount_mismatch_is_not_paid(client, stripe_order):
    payload = event("checkout.session.completed", session_object(stripe_order, amount=1))
    assert post(client, payload, sign(payload)).status_code == 200
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PENDING
    assert OrderEvent.objects.filter(order=stripe_order, kind="amount_mismatch").exists()


def test_async_payment_waits_then_succeeds(client, stripe_order):
    completed = event(
        "checkout.session.completed", session_object(stripe_order, payment_status="unpaid"), "evt_c"
    )
    assert post(client, completed, sign(completed)).content == b"awaiting async payment"
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PENDING

    succeeded = event("checkout.session.async_payment_succeeded", session_object(stripe_order), "evt_s")
    assert post(client, succeeded, sign(succeeded)).content == b"paid"
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PAID


def test_async_payment_failed_cancels_and_releases(client, stripe_order):
    variant = stripe_order.lines.get().variant
    payload = event(
        "checkout.session.async_payment_failed", session_object(stripe_order, payment_status="unpaid")
    )
    assert post(client, payload, sign(payload)).content == b"cancelled"
    stripe_order.refresh_from_db()
    variant.refresh_from_db()
    assert stripe_order.status == Order.Status.CANCELLED
    assert variant.stock == 3


def test_expired_session_cancels_and_releases(client, stripe_order):
    payload = event("checkout.session.expired", session_object(stripe_order, payment_status="unpaid"))
    assert post(client, payload, sign(payload)).content == b"cancelled"
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.CANCELLED
    assert stripe_order.lines.get().variant.stock == 3


def test_expired_after_payment_changes_nothing(client, stripe_order):
    paid = event("checkout.session.completed", session_object(stripe_order), "evt_p")
    post(client, paid, sign(paid))
    expired = event("checkout.session.expired", session_object(stripe_order), "evt_x")
    assert post(client, expired, sign(expired)).content == b"not pending"
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PAID


def test_payment_after_expiry_is_recorded_and_retakes_stock(client, stripe_order):
    """Stripe may confirm a payment after our reservation lapsed: the money is real, so the order is
    paid; its stock is taken again when it is still there."""
    expired = event(
        "checkout.session.expired", session_object(stripe_order, payment_status="unpaid"), "evt_e"
    )
    post(client, expired, sign(expired))
    paid = event("checkout.session.completed", session_object(stripe_order), "evt_late")
    assert post(client, paid, sign(paid)).content == b"paid"
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PAID
    assert stripe_order.lines.get().variant.stock == 2
    assert OrderEvent.objects.filter(order=stripe_order, kind="late_payment").exists()


def charge(order: Order, *, amount_refunded: int, refund_ids: list[str]) -> dict:
    return {
        "id": "ch_test_1",
        "object": "charge",
        "amount": order.total_minor,
        "amount_refunded": amount_refunded,
        "currency": "usd",
        "payment_intent": "pi_test_1",
        "refunded": amount_refunded == order.total_minor,
        "refunds": {"object": "list", "data": [{"id": rid, "object": "refund"} for rid in refund_ids]},
    }


def test_charge_refunded_records_dashboard_refunds_once(
    client, stripe_order, django_capture_on_commit_callbacks
):
    paid = event("checkout.session.completed", session_object(stripe_order), "evt_paid")
    post(client, paid, sign(paid))

    partial = event(
        "charge.refunded", charge(stripe_order, amount_refunded=1000, refund_ids=["re_1"]), "evt_r1"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, partial, sign(partial)).content == b"refund recorded"
    assert post(client, partial, sign(partial)).content == b"duplicate"
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PARTIALLY_REFUNDED and stripe_order.refunded_minor == 1000

    full = event(
        "charge.refunded",
        charge(stripe_order, amount_refunded=stripe_order.total_minor, refund_ids=["re_2", "re_1"]),
        "evt_r2",
    )
    post(client, full, sign(full))
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.REFUNDED
    assert stripe_order.refunded_minor == stripe_order.total_minor
    assert sorted(Refund.objects.values_list("stripe_refund_id", flat=True)) == ["re_1", "re_2"]
    assert any("Refund" in message.subject for message in mail.outbox)


def test_charge_refunded_after_a_team_refund_adds_nothing(client, stripe_api, stripe_order):
    paid = event("checkout.session.completed", session_object(stripe_order), "evt_paid")
    post(client, paid, sign(paid))
    team = UserFactory(username="refunder", is_superuser=True, is_staff=True)
    refund_order(order_id=stripe_order.pk, actor=team, amount_minor=700)
    refund_id = Refund.objects.get().stripe_refund_id

    payload = event(
        "charge.refunded", charge(stripe_order, amount_refunded=700, refund_ids=[refund_id]), "evt_r"
    )
    assert post(client, payload, sign(payload)).content == b"refund already recorded"
    stripe_order.refresh_from_db()
    assert stripe_order.refunded_minor == 700 and Refund.objects.count() == 1


def test_unknown_event_types_are_acknowledged_and_ignored(client, stripe_api):
    payload = event("customer.created", {"id": "cus_1", "object": "customer"})
    response = post(client, payload, sign(payload))
    assert response.status_code == 200 and response.content == b"ignored"


def test_unknown_order_is_acknowledged(client, stripe_api):
    payload = event(
        "checkout.session.completed",
        {"id": "cs_nobody", "object": "checkout.session", "metadata": {}, "payment_status": "paid"},
    )
    assert post(client, payload, sign(payload)).content == b"unknown order"


def envelope(**changes) -> dict:
    body = json.loads(event("checkout.session.completed", {"id": "cs_x", "object": "checkout.session"}))
    body.update(changes)
    return body


MALFORMED = {
    "a JSON list": [envelope()],
    "a JSON string": "evt_1",
    "JSON null": None,
    "data.object as a string": envelope(data={"object": "cs_x"}),
    "data.object as a list": envelope(data={"object": [{"id": "cs_x"}]}),
    "data as a string": envelope(data="object"),
    "no data": {k: v for k, v in envelope().items() if k != "data"},
    "type null": envelope(type=None),
    "type a number": envelope(type=42),
    "type empty": envelope(type=""),
    "no id": {k: v for k, v in envelope().items() if k != "id"},
    "id null": envelope(id=None),
    "id a number": envelope(id=12345),
    "id an object": envelope(id={"evt": 1}),
}


@pytest.mark.parametrize("shape", list(MALFORMED))
def test_signed_but_malformed_events_get_400_and_a_log_line(client, stripe_api, caplog, shape):
    payload = json.dumps(MALFORMED[shape]).encode()

    with caplog.at_level("WARNING", logger="store.views.stripe_webhook"):
        response = post(client, payload, sign(payload))

    assert response.status_code == 400
    assert response.content.startswith(b"Not a Stripe event")
    assert any("malformed" in record.getMessage() for record in caplog.records)
    assert not StripeEvent.objects.exists()


@pytest.mark.parametrize("payload", [b"\xff\xfe not utf-8", b"{not json", b""])
def test_signed_bodies_that_are_not_json_get_400(client, stripe_api, payload):
    response = post(client, payload, sign(payload))
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.parametrize(
    "obj",
    [
        {"id": ["cs_x"], "metadata": "order", "payment_status": "paid", "amount_total": "5000"},
        {"id": None, "metadata": {"order_number": {"x": 1}}, "client_reference_id": 7},
        {"id": "cs_nobody", "metadata": ["order_number"], "payment_status": ["paid"]},
    ],
)
def test_odd_field_types_in_a_session_are_answered_not_crashed_on(client, stripe_order, obj):
    payload = event("checkout.session.completed", obj)
    response = post(client, payload, sign(payload))
    assert response.status_code == 200 and response.content == b"unknown order"
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PENDING


@pytest.mark.parametrize(
    ("changes", "refunded"),
    [
        ({"amount_refunded": "700"}, 0),
        ({"amount_refunded": None}, 0),
        ({"amount_refunded": 10**12}, 0),
        ({"currency": 840}, 0),
        ({"refunds": "re_1"}, 700),
        ({"refunds": {"data": ["re_1", None]}}, 700),
    ],
)
def test_odd_field_types_in_a_charge_are_answered_not_crashed_on(client, stripe_order, changes, refunded):
    paid = event("checkout.session.completed", session_object(stripe_order), "evt_paid")
    post(client, paid, sign(paid))
    obj = {**charge(stripe_order, amount_refunded=700, refund_ids=["re_1"]), **changes}
    payload = event("charge.refunded", obj, "evt_odd")

    response = post(client, payload, sign(payload))

    assert response.status_code == 200
    stripe_order.refresh_from_db()
    assert stripe_order.refunded_minor == refunded


def test_an_event_signed_ten_minutes_in_the_future_is_refused(client, stripe_order, caplog):
    payload = event("checkout.session.completed", session_object(stripe_order))
    with caplog.at_level("WARNING", logger="store.views.stripe_webhook"):
        response = post(client, payload, sign(payload, timestamp=int(time.time()) + 600))
    assert response.status_code == 400 and response.content == b"Invalid signature."
    assert any("future" in record.getMessage() for record in caplog.records)
    stripe_order.refresh_from_db()
    assert stripe_order.status == Order.Status.PENDING
    assert not StripeEvent.objects.exists()


def test_clock_skew_within_the_tolerance_is_accepted_both_ways(client, stripe_order):
    ahead = event("checkout.session.expired", session_object(stripe_order), "evt_ahead")
    assert post(client, ahead, sign(ahead, timestamp=int(time.time()) + 120)).status_code == 200
    behind = event("customer.created", {"id": "cus_1", "object": "customer"}, "evt_behind")
    assert post(client, behind, sign(behind, timestamp=int(time.time()) - 120)).status_code == 200
