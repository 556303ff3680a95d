"""Starting and settling payments: Stripe Checkout, or the demo provider where no money moves."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from store.actions.orders import cancel_unpaid_order, mark_order_paid
from store.actions.pipeline import record_event
from store.errors import StoreError
from store.models import Order, StockReservation
from store.payments import stripe_gateway


def _check_payable(order: Order) -> None:
    if order.status != Order.Status.PENDING:
        raise StoreError(f"This order is {order.get_status_display().lower()}; there is nothing to pay.")
    if order.reserved_until <= timezone.now():
        cancel_unpaid_order(order_id=order.pk, kind="reservation_expired", message="The reservation expired.")
        raise StoreError("Your reservation expired and the items went back on sale. Nothing was charged.")


# Stripe Checkout Sessions must stay open at least 30 minutes: the hold is stretched to cover that.
STRIPE_MIN_SESSION = timedelta(minutes=31)


def _hold_for_stripe(order: Order) -> datetime:
    """Make the stock hold last as long as the Checkout Session; returns the session's expiry."""
    until = max(order.reserved_until, timezone.now() + STRIPE_MIN_SESSION)
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != Order.Status.PENDING:
            raise StoreError(f"This order is {locked.get_status_display().lower()}; there is nothing to pay.")
        if locked.reserved_until < until:
            Order.objects.filter(pk=order.pk).update(reserved_until=until)
            StockReservation.objects.filter(order=order, status=StockReservation.Status.ACTIVE).update(
                expires_at=until
            )
        else:
            until = locked.reserved_until
    order.reserved_until = until
    return until


def start_stripe_checkout(*, order: Order, success_url: str, cancel_url: str) -> str:
    """Create the order's Checkout Session once and return its URL (the same URL on later calls).
    No transaction is open and no row is locked while Stripe is called."""
    if order.provider != Order.Provider.STRIPE:
        raise StoreError("This order is not paid through Stripe.")
    _check_payable(order)
    if order.stripe_checkout_session_id and order.stripe_checkout_url:
        return order.stripe_checkout_url
    expires_at = _hold_for_stripe(order)
    lines = list(order.lines.order_by("id"))
    session = stripe_gateway.create_checkout_session(
        stripe_gateway.CheckoutRequest(
            order_number=order.number,
            order_id=order.pk,
            email=order.email,
            currency=order.currency,
            lines=[
                stripe_gateway.CheckoutLine(
                    name=line.title, unit_amount_minor=line.unit_price_minor, quantity=line.quantity
                )
                for line in lines
            ],
            shipping_minor=order.shipping_minor,
            tax_minor=order.tax_minor,
            success_url=success_url,
            cancel_url=cancel_url,
            expires_at=int(expires_at.timestamp()),
        )
    )
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.stripe_checkout_session_id != session.id:
            locked.stripe_checkout_session_id = session.id
            locked.stripe_checkout_url = session.url
            locked.save(update_fields=["stripe_checkout_session_id", "stripe_checkout_url", "updated_at"])
            record_event(
                order=locked,
                kind="checkout_started",
                message="Stripe Checkout session created.",
                data={"session_id": session.id},
            )
    order.stripe_checkout_session_id, order.stripe_checkout_url = session.id, session.url
    return session.url


def settle_demo_payment(*, order: Order, succeed: bool, actor=None) -> bool:
    """The demo provider: the buyer chooses the outcome; the order moves exactly as with Stripe."""
    if order.provider != Order.Provider.DEMO:
        raise StoreError("This order is paid through Stripe, not the demo provider.")
    _check_payable(order)
    if succeed:
        return mark_order_paid(
            order_id=order.pk, kind="paid", message="Demo payment succeeded (no money moved).", actor=actor
        )
    return cancel_unpaid_order(
        order_id=order.pk, kind="payment_failed", message="Demo payment failed (no money moved).", actor=actor
    )
