"""Refunds: the team refunds through Stripe (or records a demo refund); Stripe's charge.refunded
event reconciles refunds made in the Stripe dashboard. Refunded amounts only ever grow."""

from django.db import transaction

from community.events import Event, announce
from store.actions.pipeline import can_transition, transition
from store.emails import send_order_email
from store.errors import StoreError
from store.models import Order, Refund
from store.payments import stripe_gateway
from store.permissions import check_can_manage_orders

REFUNDABLE = (Order.Status.PAID, Order.Status.PARTIALLY_REFUNDED)


def _apply_refund(
    *, order_id: int, amount_minor: int, stripe_refund_id: str | None, reason: str, actor
) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if stripe_refund_id and Refund.objects.filter(stripe_refund_id=stripe_refund_id).exists():
            return order
        amount_minor = min(amount_minor, order.refundable_minor)
        if amount_minor <= 0:
            return order
        refund = Refund.objects.create(
            order=order,
            amount_minor=amount_minor,
            stripe_refund_id=stripe_refund_id,
            reason=reason[:200],
            actor=actor,
        )
        order.refunded_minor += amount_minor
        order.save(update_fields=["refunded_minor", "updated_at"])
        full = order.refunded_minor >= order.total_minor
        to_status = Order.Status.REFUNDED if full else Order.Status.PARTIALLY_REFUNDED
        transition(
            order=order,
            to_status=to_status,
            kind="refunded",
            actor=actor,
            message=f"Refunded {amount_minor} {order.currency} minor units"
            + (f": {reason}" if reason else "."),
            data={"amount_minor": amount_minor, "stripe_refund_id": stripe_refund_id or ""},
        )
        announce(Event.ORDER_REFUNDED, order_id=order.pk, refund_id=refund.pk)
        transaction.on_commit(
            lambda: send_order_email(order_id=order.pk, kind="refund", amount_minor=amount_minor)
        )
    return order


def refund_order(*, order_id: int, actor, amount_minor: int, reason: str = "") -> Order:
    """Refund part or all of a paid order. The Stripe call happens with no transaction open."""
    check_can_manage_orders(actor)
    order = Order.objects.get(pk=order_id)
    if order.status not in REFUNDABLE or not can_transition(order, Order.Status.REFUNDED):
        raise StoreError(f"An order that is {order.get_status_display().lower()} cannot be refunded.")
    if not isinstance(amount_minor, int) or amount_minor <= 0:
        raise StoreError("Enter a refund amount above zero.")
    if amount_minor > order.refundable_minor:
        raise StoreError(f"At most {order.refundable_minor} minor units are left to refund.")
    stripe_refund_id = None
    if order.provider == Order.Provider.STRIPE:
        if not order.stripe_payment_intent_id:
            raise StoreError("This order has no Stripe payment to refund.")
        try:
            result = stripe_gateway.create_refund(
                payment_intent_id=order.stripe_payment_intent_id,
                amount_minor=amount_minor,
                idempotency_key=f"refund-{order.number}-{order.refunded_minor}-{amount_minor}",
            )
        except stripe_gateway.PaymentGatewayError as exc:
            raise StoreError(str(exc)) from exc
        stripe_refund_id = result.id
    return _apply_refund(
        order_id=order.pk,
        amount_minor=amount_minor,
        stripe_refund_id=stripe_refund_id,
        reason=reason,
        actor=actor,
    )


def reconcile_stripe_refunds(*, order_id: int, amount_refunded_minor: int, refund_ids: list[str]) -> Order:
    """charge.refunded: bring ``refunded_minor`` up to Stripe's cumulative amount (never down)."""
    order = Order.objects.get(pk=order_id)
    missing = amount_refunded_minor - order.refunded_minor
    if missing <= 0 or order.status not in REFUNDABLE:
        return order
    known = set(Refund.objects.filter(order=order).values_list("stripe_refund_id", flat=True))
    new_id = next((rid for rid in refund_ids if rid not in known), None)
    return _apply_refund(
        order_id=order.pk,
        amount_minor=missing,
        stripe_refund_id=new_id,
        reason="Refunded in Stripe",
        actor=None,
    )
