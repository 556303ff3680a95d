"""Releasing the stock of unpaid orders whose reservation ran out.

A cart or checkout action releases only the lapsed holds on the products it touches (so the stock it
judges is right) instead of sweeping the whole store on every click; the store-wide sweep runs from
the ``release_expired_reservations`` command (cron) or ``release_expired_reservations_task``."""

from collections.abc import Iterable

from django.utils import timezone

from store.models import Order, StockReservation, Variant


def release_expired_reservations(
    *, now=None, limit: int = 200, variant_ids: Iterable[int] | None = None
) -> int:
    """Cancel pending orders past their reservation, returning their stock. Returns how many.

    With ``variant_ids``, only orders holding stock of those variants' products (a drop's allowance
    is per product, so every variant of the product counts)."""
    from store.actions.orders import cancel_unpaid_order

    now = now or timezone.now()
    orders = Order.objects.filter(status=Order.Status.PENDING, reserved_until__lte=now)
    if variant_ids is not None:
        products = Variant.objects.filter(pk__in=list(variant_ids)).values("product_id")
        orders = orders.filter(
            pk__in=StockReservation.objects.filter(
                status=StockReservation.Status.ACTIVE, variant__product_id__in=products
            ).values("order_id")
        )
    ids = list(orders.order_by("reserved_until").values_list("pk", flat=True)[:limit])
    return sum(
        1
        for order_id in ids
        if cancel_unpaid_order(
            order_id=order_id, kind="reservation_expired", message="The reservation expired."
        )
    )
