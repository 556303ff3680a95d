"""Releasing the stock of unpaid orders whose reservation ran out."""

from django.utils import timezone

from store.models import Order


def release_expired_reservations(*, now=None, limit: int = 200) -> int:
    """Cancel pending orders past their reservation, returning their stock. Returns how many."""
    from store.actions.orders import cancel_unpaid_order

    now = now or timezone.now()
    ids = list(
        Order.objects.filter(status=Order.Status.PENDING, reserved_until__lte=now)
        .order_by("reserved_until")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(
        1
        for order_id in ids
        if cancel_unpaid_order(
            order_id=order_id, kind="reservation_expired", message="The reservation expired."
        )
    )
