"""Placing an order: price the cart on the server, reserve stock, write the order. No network calls
happen here; payment starts after this transaction commits (see store/actions/payments.py)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_countries import countries

from store import conf, pricing
from store.actions.pipeline import record_event
from store.actions.reservations import release_expired_reservations
from store.actions.stock import take_drop_allowance, take_variant_stock
from store.carts import SESSION_COUNT_KEY, cart_rows, find_cart, priced_lines
from store.drops import governing_drop
from store.errors import StoreError
from store.models import Cart, CartLine, Order, OrderLine, PurchaseRight, StockReservation


@dataclass(frozen=True)
class ShippingAddress:
    name: str
    line1: str
    city: str
    postal_code: str
    country: str
    line2: str = ""


def _check_drop(*, lines, user, purchase_code: str, now):
    drops = {line.product_id: governing_drop(line.product_id, now) for line in lines}
    drop_lines = [line for line in lines if drops[line.product_id] is not None]
    if not drop_lines:
        return None, None
    drop = drops[drop_lines[0].product_id]
    if len(drop_lines) != len(lines):
        raise StoreError(f"{drop.title} items are sold on their own: buy other items in a separate order.")
    if not drop.is_open(now):
        raise StoreError(f"{drop.title} opens at {timezone.localtime(drop.starts_at):%Y-%m-%d %H:%M %Z}.")
    if user is None or not user.is_authenticated:
        raise StoreError(f"Sign in to buy in {drop.title}: it has a per-person limit.")
    right = None
    if drop.requires_code:
        code = (purchase_code or "").strip().upper()
        if not code:
            raise StoreError(f"{drop.title} needs a purchase-right code.")
        right = PurchaseRight.objects.filter(
            drop=drop, code__iexact=code, user=user, used_at__isnull=True
        ).first()
        if right is None:
            raise StoreError("That purchase-right code is not yours, already used, or for another sale.")
    return drop, right


def _configured_provider() -> str:
    return Order.Provider.STRIPE if conf.stripe_enabled() else Order.Provider.DEMO


def place_order(
    *,
    user,
    session,
    email: str,
    address: ShippingAddress,
    expected_total_minor: int | None = None,
    purchase_code: str = "",
    checkout_key: str = "",
    provider: str | None = None,
) -> Order:
    """Turn the request's cart into a pending order with its stock reserved.

    The cart row is locked for the whole transaction and read under the lock, so two submissions of
    one cart are handled one after the other: the second finds the cart empty (StoreError), or, when
    it carries the same ``checkout_key`` (the checkout form's one-time hidden key), gets the order the
    first one made. ``provider`` defaults to the configured one (Stripe when a key is set); the demo
    seeder passes ``Order.Provider.DEMO`` to record demo orders whatever is configured."""
    provider = Order.Provider(provider) if provider else _configured_provider()
    if address.country.upper() not in countries:
        raise StoreError("Choose the shipping country from the list.")
    checkout_key = (checkout_key or "")[:64]
    cart = find_cart(user=user, session=session)
    if cart is None:
        raise StoreError("Your cart is empty.")
    # Lapsed holds on what this cart holds go back on sale before its stock is judged.
    release_expired_reservations(
        variant_ids=CartLine.objects.filter(cart=cart).values_list("variant_id", flat=True)
    )
    now = timezone.now()
    buyer = user if user is not None and user.is_authenticated else None
    reserved_until = now + timedelta(minutes=conf.reservation_minutes())

    with transaction.atomic():
        if not list(Cart.objects.select_for_update().filter(pk=cart.pk).values_list("pk", flat=True)):
            raise StoreError("Your cart is empty.")  # merged into a member's cart meanwhile
        if checkout_key:
            earlier = Order.objects.filter(cart=cart, checkout_key=checkout_key).first()
            if earlier is not None:
                return earlier
        lines, currency = priced_lines(cart_rows(cart))
        if len(lines) > conf.max_lines_per_order():
            raise StoreError(f"An order holds at most {conf.max_lines_per_order()} different items.")
        quote = pricing.quote(lines=lines, currency=currency, country=address.country)
        if expected_total_minor is not None and expected_total_minor != quote.total_minor:
            raise StoreError(
                "The total changed since the page was shown. Check the new total and confirm again."
            )
        drop, right = _check_drop(lines=lines, user=user, purchase_code=purchase_code, now=now)
        for line in sorted(lines, key=lambda item: item.variant_id):
            take_variant_stock(variant_id=line.variant_id, quantity=line.quantity, label=line.title)
        if drop is not None:
            take_drop_allowance(drop=drop, user=buyer, quantity=sum(line.quantity for line in lines))
        order = Order.objects.create(
            user=buyer,
            email=email,
            provider=provider,
            cart=cart,
            checkout_key=checkout_key,
            currency=currency,
            subtotal_minor=quote.subtotal_minor,
            shipping_minor=quote.shipping_minor,
            tax_minor=quote.tax_minor,
            total_minor=quote.total_minor,
            shipping_name=address.name,
            shipping_line1=address.line1,
            shipping_line2=address.line2,
            shipping_city=address.city,
            shipping_postal_code=address.postal_code,
            shipping_country=address.country.upper(),
            source_thread_id=next((line.source_thread_id for line in lines if line.source_thread_id), None),
            drop=drop,
            reserved_until=reserved_until,
        )
        OrderLine.objects.bulk_create(
            OrderLine(
                order=order,
                product_id=line.product_id,
                variant_id=line.variant_id,
                title=line.title,
                sku=line.sku,
                unit_price_minor=line.unit_price_minor,
                quantity=line.quantity,
                total_minor=line.total_minor,
                source_thread_id=line.source_thread_id,
            )
            for line in lines
        )
        StockReservation.objects.bulk_create(
            StockReservation(
                order=order, variant_id=line.variant_id, quantity=line.quantity, expires_at=reserved_until
            )
            for line in lines
        )
        if right is not None and not PurchaseRight.objects.filter(pk=right.pk, used_at__isnull=True).update(
            used_at=now, order=order
        ):
            raise StoreError("That purchase-right code was just used.")
        record_event(
            order=order,
            kind="placed",
            actor=buyer,
            message=f"Order placed; stock held until {reserved_until:%H:%M} UTC.",
        )
        CartLine.objects.filter(cart=cart).delete()
    if session is not None:
        session[SESSION_COUNT_KEY] = 0  # the header's cart count (store.carts)
    return order
