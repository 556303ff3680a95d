"""Fulfilment: the team packs, ships and delivers a paid order, one step forward at a time.

Fulfilment is apart from payment (``Order.status``): only an order that is paid (or partly refunded)
moves, and only forward: not packed yet -> packed -> shipped -> delivered (shipping an order that was
not marked packed is allowed: it was packed on the way out). Each move is one action: it checks the
team's permission, locks the order, records an ``OrderEvent`` (kind ``packed``, ``shipped`` or
``delivered``; the buyer's timeline reads these) and, for shipping, mails the buyer after the commit.

Asking for the state an order is already in changes nothing and returns False (a double click, a
retried bulk action): no second event, no second mail. Asking to go back is refused with a reason."""

from dataclasses import dataclass, field

from django.db import transaction

from store.actions.pipeline import record_event
from store.carriers import canonical_name
from store.errors import StoreError
from store.models import Order
from store.permissions import check_can_manage_orders
from store.tasks import send_order_email_task

F = Order.Fulfilment
ORDER = (F.UNFULFILLED, F.PACKED, F.SHIPPED, F.DELIVERED)
# The moves each state allows (forward only; shipping may skip "packed", delivery may not skip shipping).
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    F.UNFULFILLED: frozenset({F.PACKED, F.SHIPPED}),
    F.PACKED: frozenset({F.SHIPPED}),
    F.SHIPPED: frozenset({F.DELIVERED}),
    F.DELIVERED: frozenset(),
}
VERBS = {F.PACKED: "packed", F.SHIPPED: "shipped", F.DELIVERED: "marked delivered"}


def can_move(order: Order, to: str) -> bool:
    return order.status in Order.FULFILLABLE_STATUSES and to in ALLOWED_MOVES[order.fulfilment_status]


def _check_move(order: Order, to: str) -> None:
    verb = VERBS[to]
    if order.status not in Order.FULFILLABLE_STATUSES:
        raise StoreError(
            f"Order {order.number} is {order.get_status_display().lower()}: it cannot be {verb}."
        )
    if to not in ALLOWED_MOVES[order.fulfilment_status]:
        current = order.get_fulfilment_status_display().lower()
        if ORDER.index(to) < ORDER.index(order.fulfilment_status):
            raise StoreError(f"Order {order.number} is already {current}: it cannot go back.")
        raise StoreError(f"Order {order.number} is {current}: ship it before marking it delivered.")


def _move(*, order: Order, to: str, actor, message: str, data: dict | None = None, fields=()) -> None:
    previous = order.fulfilment_status
    order.fulfilment_status = to
    order.save(update_fields=["fulfilment_status", *fields, "updated_at"])
    record_event(
        order=order, kind=to.lower(), actor=actor, message=message, data={"from": previous, **(data or {})}
    )


def mark_order_packed(*, order_id: int, actor) -> bool:
    """Mark a paid order packed. False when it already was (nothing changes)."""
    return _step(order_id=order_id, actor=actor, to=F.PACKED, message="Packed.")


def mark_order_shipped(*, order_id: int, actor, carrier: str, tracking_number: str) -> bool:
    """Hand a paid order to ``carrier`` with its ``tracking_number`` and mail the buyer once the
    commit is done. False when it was already shipped with that carrier and number (no second mail);
    shipped with another number is refused."""
    check_can_manage_orders(actor)
    carrier = canonical_name(carrier)[:60]
    tracking_number = " ".join(tracking_number.split())
    if not carrier:
        raise StoreError("Name the carrier.")
    if not tracking_number:
        raise StoreError("Enter the tracking number.")
    if len(tracking_number) > 120:
        raise StoreError("A tracking number has at most 120 characters.")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.fulfilment_status == F.SHIPPED:
            if (order.carrier.casefold(), order.tracking_number) == (carrier.casefold(), tracking_number):
                return False
            raise StoreError(
                f"Order {order.number} was already shipped with {order.carrier} {order.tracking_number}."
            )
        _check_move(order, F.SHIPPED)
        order.carrier, order.tracking_number = carrier, tracking_number
        _move(
            order=order,
            to=F.SHIPPED,
            actor=actor,
            message=f"Shipped with {carrier}, tracking number {tracking_number}.",
            data={"carrier": carrier, "tracking_number": tracking_number},
            fields=("carrier", "tracking_number"),
        )
        order_pk = order.pk
        transaction.on_commit(lambda: send_order_email_task.enqueue(order_id=order_pk, kind="shipped"))
    return True


def mark_order_delivered(*, order_id: int, actor) -> bool:
    """Mark a shipped order delivered. False when it already was."""
    return _step(order_id=order_id, actor=actor, to=F.DELIVERED, message="Delivered.")


def _step(*, order_id: int, actor, to: str, message: str) -> bool:
    """Move an order to ``to`` (a step with nothing to record but the step): False when it is there."""
    check_can_manage_orders(actor)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.fulfilment_status == to:
            return False
        _check_move(order, to)
        _move(order=order, to=to, actor=actor, message=message)
    return True


@dataclass
class BulkOutcome:
    """What a bulk move did, order by order (each order moves in its own transaction)."""

    moved: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (order number, reason)


def move_orders(
    *, actor, order_ids: list[int], to: str, carrier: str = "", tracking_numbers: dict[int, str] | None = None
) -> BulkOutcome:
    """Move several orders to ``to`` for the team's shipments list; shipping takes one carrier and
    each order's own tracking number. One order refused does not stop the others."""
    check_can_manage_orders(actor)
    if to not in VERBS:
        raise StoreError("Choose packed, shipped or delivered.")
    tracking_numbers = tracking_numbers or {}
    outcome = BulkOutcome()
    numbers = dict(Order.objects.filter(pk__in=order_ids).values_list("pk", "number"))
    for order_id in sorted(set(order_ids) & set(numbers)):
        try:
            if to == F.PACKED:
                moved = mark_order_packed(order_id=order_id, actor=actor)
            elif to == F.SHIPPED:
                moved = mark_order_shipped(
                    order_id=order_id,
                    actor=actor,
                    carrier=carrier,
                    tracking_number=tracking_numbers.get(order_id, ""),
                )
            else:
                moved = mark_order_delivered(order_id=order_id, actor=actor)
        except StoreError as exc:
            outcome.refused.append((numbers[order_id], exc.text))
        else:
            (outcome.moved if moved else outcome.unchanged).append(numbers[order_id])
    return outcome
