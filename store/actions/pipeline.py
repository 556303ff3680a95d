"""The order (payment) status pipeline: the one function that moves an order, and the moves it allows.
Where the parcel is (packed, shipped, delivered) is apart from this: store.actions.fulfilment."""

from django.core.exceptions import ValidationError

from store.models import Order, OrderEvent

S = Order.Status

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.PAID, S.CANCELLED}),
    S.PAID: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.PARTIALLY_REFUNDED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}


class TransitionNotAllowed(ValidationError):
    pass


def can_transition(order: Order, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS[order.status]


def transition(
    *, order: Order, to_status: str, kind: str, actor=None, message: str = "", data: dict | None = None
) -> OrderEvent:
    """Move ``order`` (locked by the caller) to ``to_status`` and record the event; refuses other moves."""
    if not can_transition(order, to_status):
        raise TransitionNotAllowed(
            f"An order that is {order.get_status_display().lower()} cannot become "
            f"{Order.Status(to_status).label.lower()}."
        )
    from_status = order.status
    order.status = to_status
    order.save(update_fields=["status", "updated_at"])
    return record_event(
        order=order, kind=kind, actor=actor, message=message, data=data, from_status=from_status
    )


def record_event(
    *, order: Order, kind: str, actor=None, message: str = "", data: dict | None = None, from_status: str = ""
) -> OrderEvent:
    return OrderEvent.objects.create(
        order=order,
        kind=kind,
        from_status=from_status,
        to_status=order.status if from_status else "",
        message=message[:500],
        actor=actor if getattr(actor, "pk", None) else None,
        data=data or {},
    )
