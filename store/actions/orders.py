"""What happens to an order's payment after it is placed: paid or cancelled (packing and shipping
are in store.actions.fulfilment)."""

from django.db import transaction
from django.utils import timezone

from community.events import Event, announce
from community.reputation import api as reputation
from store.actions.pipeline import record_event, transition
from store.actions.stock import consume_order_stock, release_order_stock
from store.emails import send_order_email
from store.errors import StoreError
from store.models import Order


def mark_order_paid(
    *, order_id: int, kind: str, message: str = "", payment_intent_id: str = "", actor=None
) -> bool:
    """Confirm payment. Returns False when the order was already paid (handling twice changes nothing)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status in Order.OWNER_STATUSES or order.status == Order.Status.REFUNDED:
            record_event(
                order=order, kind="duplicate_payment_notice", message="Payment confirmed again; ignored."
            )
            return False
        if order.status == Order.Status.CANCELLED:
            # Payment arrived after the order was cancelled (its reservation expired): the money is
            # real, so the order is paid, and the team is told if the stock is gone.
            order.status = Order.Status.PENDING
            record_event(order=order, kind="late_payment", message="Payment arrived after cancellation.")
        shortfalls = consume_order_stock(order=order)
        order.paid_at = timezone.now()
        if payment_intent_id:
            order.stripe_payment_intent_id = payment_intent_id
        order.save(update_fields=["paid_at", "stripe_payment_intent_id", "updated_at"])
        transition(order=order, to_status=Order.Status.PAID, kind=kind, actor=actor, message=message)
        announce(Event.ORDER_PAID, order_id=order.pk)
        if shortfalls:
            record_event(
                order=order,
                kind="stock_shortfall",
                message="Paid after the reservation lapsed and stock ran out: refund or restock "
                + ", ".join(shortfalls),
            )
        transaction.on_commit(lambda: send_order_email(order_id=order.pk, kind="confirmation"))
        if order.user_id is not None:
            # A paid order verifies ownership; awarding again changes nothing (one row per badge).
            user_id = order.user_id
            transaction.on_commit(
                lambda: reputation.award_badge(user=user_id, code=reputation.VERIFIED_OWNER)
            )
    return True


def cancel_unpaid_order(*, order_id: int, kind: str, message: str, actor=None) -> bool:
    """Cancel a pending order and give its stock back. Returns False if it was not pending."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status != Order.Status.PENDING:
            return False
        release_order_stock(order=order)
        transition(order=order, to_status=Order.Status.CANCELLED, kind=kind, actor=actor, message=message)
    return True


def cancel_order_by_buyer(*, order: Order, user) -> bool:
    if order.user_id is None or order.user_id != getattr(user, "pk", None):
        raise StoreError("Only the buyer can cancel this order.")
    if order.status != Order.Status.PENDING:
        raise StoreError("Only an order awaiting payment can be cancelled here.")
    return cancel_unpaid_order(
        order_id=order.pk, kind="cancelled", message="Cancelled by the buyer.", actor=user
    )
