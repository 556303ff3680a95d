"""Stripe webhook events: one handler per event type, each calling store actions.

The view verifies the signature; ``process_event`` records the event id (unique) and dispatches in
the same transaction, so an event is handled once, and a handler that fails leaves no record and
Stripe retries it.
"""

import logging

from django.db import IntegrityError, transaction

from store.actions.orders import cancel_unpaid_order, mark_order_paid
from store.actions.pipeline import record_event
from store.actions.refunds import reconcile_stripe_refunds
from store.models import Order, StripeEvent

logger = logging.getLogger(__name__)


def _text(obj: dict, key: str) -> str:
    """A string field of a Stripe object; "" when it is absent or not a string (a signed event with an
    odd shape is answered, not crashed on)."""
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def _mapping(obj: dict, key: str) -> dict:
    value = obj.get(key)
    return value if isinstance(value, dict) else {}


def _whole_number(obj: dict, key: str) -> int | None:
    value = obj.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _order_for_session(session: dict) -> Order | None:
    session_id = _text(session, "id")
    order = Order.objects.filter(stripe_checkout_session_id=session_id).first() if session_id else None
    if order is None:
        number = _text(_mapping(session, "metadata"), "order_number") or _text(session, "client_reference_id")
        order = (
            Order.objects.filter(number=number, provider=Order.Provider.STRIPE).first() if number else None
        )
    return order


def _amount_matches(order: Order, session: dict) -> bool:
    return (
        _whole_number(session, "amount_total") == order.total_minor
        and _text(session, "currency").upper() == order.currency
    )


def _mark_paid_if_settled(order: Order, session: dict, kind: str) -> str:
    if not _amount_matches(order, session):
        record_event(
            order=order,
            kind="amount_mismatch",
            message="Stripe reported a different amount or currency; not marked paid.",
            data={"amount_total": session.get("amount_total"), "currency": session.get("currency")},
        )
        return "amount mismatch"
    changed = mark_order_paid(
        order_id=order.pk,
        kind=kind,
        message="Payment confirmed by Stripe.",
        payment_intent_id=_text(session, "payment_intent")[:255],
    )
    return "paid" if changed else "already paid"


def on_session_completed(session: dict) -> tuple[Order | None, str]:
    order = _order_for_session(session)
    if order is None:
        return None, "unknown order"
    if _text(session, "payment_status") in {"paid", "no_payment_required"}:
        return order, _mark_paid_if_settled(order, session, "paid")
    record_event(
        order=order, kind="payment_processing", message="Checkout completed; the payment is still processing."
    )
    return order, "awaiting async payment"


def on_async_payment_succeeded(session: dict) -> tuple[Order | None, str]:
    order = _order_for_session(session)
    if order is None:
        return None, "unknown order"
    return order, _mark_paid_if_settled(order, session, "paid")


def on_async_payment_failed(session: dict) -> tuple[Order | None, str]:
    order = _order_for_session(session)
    if order is None:
        return None, "unknown order"
    cancelled = cancel_unpaid_order(
        order_id=order.pk, kind="payment_failed", message="Stripe reported the payment failed."
    )
    return order, "cancelled" if cancelled else "not pending"


def on_session_expired(session: dict) -> tuple[Order | None, str]:
    order = _order_for_session(session)
    if order is None:
        return None, "unknown order"
    cancelled = cancel_unpaid_order(
        order_id=order.pk, kind="checkout_expired", message="The Stripe checkout expired unpaid."
    )
    return order, "cancelled" if cancelled else "not pending"


def on_charge_refunded(charge: dict) -> tuple[Order | None, str]:
    payment_intent = _text(charge, "payment_intent")
    order = Order.objects.filter(stripe_payment_intent_id=payment_intent).first() if payment_intent else None
    if order is None:
        return None, "unknown order"
    if _text(charge, "currency").upper() != order.currency:
        return order, "currency mismatch"
    amount_refunded = _whole_number(charge, "amount_refunded")
    if amount_refunded is None or amount_refunded < 0:
        return order, "no refunded amount"
    if amount_refunded > order.total_minor:
        return order, "refunded amount above the order total"
    refunds = _mapping(charge, "refunds").get("data")
    refund_ids = [
        _text(refund, "id")
        for refund in (refunds if isinstance(refunds, list) else [])
        if isinstance(refund, dict) and _text(refund, "id")
    ]
    before = order.refunded_minor
    order = reconcile_stripe_refunds(
        order_id=order.pk,
        amount_refunded_minor=amount_refunded,
        refund_ids=refund_ids,
    )
    return order, "refund recorded" if order.refunded_minor != before else "refund already recorded"


HANDLERS = {
    "checkout.session.completed": on_session_completed,
    "checkout.session.async_payment_succeeded": on_async_payment_succeeded,
    "checkout.session.async_payment_failed": on_async_payment_failed,
    "checkout.session.expired": on_session_expired,
    "charge.refunded": on_charge_refunded,
}


def process_event(*, event_id: str, event_type: str, data_object: dict) -> str:
    """Handle one verified event. Returns what happened; "duplicate" for an id seen before."""
    handler = HANDLERS.get(event_type)
    try:
        with transaction.atomic():
            record = StripeEvent.objects.create(event_id=event_id, type=event_type[:100])
            if handler is None:
                outcome, order = "ignored", None
            else:
                order, outcome = handler(data_object)
            record.outcome = outcome
            record.order = order
            record.save(update_fields=["outcome", "order"])
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event_id).exists():
            return "duplicate"
        raise
    logger.info("stripe event %s %s: %s", event_id, event_type, outcome)
    return outcome
