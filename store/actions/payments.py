"""Starting and settling payments: Stripe Checkout, or the demo provider where no money moves."""

from django.db import transaction
from django.utils import timezone

from store.actions.orders import cancel_unpaid_order, mark_order_paid
from store.errors import StoreError
from store.models import Order
from store.payments import stripe_gateway
from store.pipeline import record_event


def _check_payable(order: Order) -> None:
    if order.status != Order.Status.PENDING:
        raise StoreError(f"This order is {order.get_status_display().lower()}; there is nothing to pay.")
    if order.reserved_until <= timezone.now():
        cancel_unpaid_order(order_id=order.pk, kind="reservation_expired", message="The reservation expired.")
        raise StoreError("Your reservation expired and the items went back on sale. Nothing was charged.")


def start_stripe_checkout(*, order: Order, success_url: str, cancel_url: str) -> str:
    """Create (once) the order's Checkout Session and return its URL. No lock is held during the call."""
    if order.provider != Order.Provider.STRIPE:
        raise StoreError("This order is not paid through Stripe.")
    _check_payable(order)
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
            expires_at=int(order.reserved_until.timestamp()),
        )
    )
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.stripe_checkout_session_id != session.id:
            locked.stripe_checkout_session_id = session.id
            locked.save(update_fields=["stripe_checkout_session_id", "updated_at"])
            record_event(
                order=locked,
                kind="checkout_started",
                message="Stripe Checkout session created.",
                data={"session_id": session.id},
            )
    order.stripe_checkout_session_id = session.id
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
