"""Stock moves. Called inside an action's transaction; every decrement is a conditional UPDATE
(``... WHERE stock >= n``), taken in a fixed order (variant id, then the drop, then the drop entry),
so stock cannot go below zero and two buyers cannot deadlock."""

from django.db.models import F

from store.errors import SoldOut, StoreError
from store.models import Drop, DropEntry, Order, PurchaseRight, StockReservation, Variant


def take_variant_stock(*, variant_id: int, quantity: int, label: str) -> None:
    taken = Variant.objects.filter(pk=variant_id, is_active=True, stock__gte=quantity).update(
        stock=F("stock") - quantity
    )
    if not taken:
        raise SoldOut(f"{label} is sold out, or fewer than {quantity} are left.")


def return_variant_stock(*, variant_id: int, quantity: int) -> None:
    Variant.objects.filter(pk=variant_id).update(stock=F("stock") + quantity)


def take_drop_allowance(*, drop: Drop, user, quantity: int) -> None:
    if not Drop.objects.filter(pk=drop.pk, remaining__gte=quantity).update(
        remaining=F("remaining") - quantity
    ):
        raise SoldOut(f"{drop.title} is sold out.")
    entry, _ = DropEntry.objects.get_or_create(drop=drop, user=user)
    allowed = drop.per_person_limit - quantity
    if not DropEntry.objects.filter(pk=entry.pk, quantity__lte=allowed).update(
        quantity=F("quantity") + quantity
    ):
        raise StoreError(f"{drop.title} allows {drop.per_person_limit} per person, and you have reached it.")


def release_order_stock(*, order: Order) -> int:
    """Give back what an unpaid order reserved. Safe to call twice: each reservation is released once."""
    released = 0
    reservations = list(
        StockReservation.objects.filter(order=order, status=StockReservation.Status.ACTIVE).order_by(
            "variant_id"
        )
    )
    for reservation in reservations:
        if StockReservation.objects.filter(pk=reservation.pk, status=StockReservation.Status.ACTIVE).update(
            status=StockReservation.Status.RELEASED
        ):
            return_variant_stock(variant_id=reservation.variant_id, quantity=reservation.quantity)
            released += reservation.quantity
    if released and order.drop_id and order.user_id:
        Drop.objects.filter(pk=order.drop_id).update(remaining=F("remaining") + released)
        DropEntry.objects.filter(drop_id=order.drop_id, user_id=order.user_id, quantity__gte=released).update(
            quantity=F("quantity") - released
        )
    if released:
        PurchaseRight.objects.filter(order=order).update(used_at=None, order=None)
    return released


def consume_order_stock(*, order: Order) -> list[str]:
    """Turn an order's reservations into sold units. A reservation that already expired has given its
    stock back: take it again if it is there; return the labels of what could not be taken."""
    shortfalls = []
    reservations = list(
        StockReservation.objects.filter(order=order).select_related("variant").order_by("variant_id")
    )
    for reservation in reservations:
        if reservation.status == StockReservation.Status.CONSUMED:
            continue
        if reservation.status == StockReservation.Status.RELEASED:
            try:
                take_variant_stock(
                    variant_id=reservation.variant_id,
                    quantity=reservation.quantity,
                    label=reservation.variant.sku,
                )
            except SoldOut:
                shortfalls.append(reservation.variant.sku)
                continue
        StockReservation.objects.filter(pk=reservation.pk).update(status=StockReservation.Status.CONSUMED)
    return shortfalls
