"""Cart changes: add, set quantity, remove, and merging a visitor's cart into the member's on log-in."""

import secrets

from django.db import transaction
from django.db.models import F

from community.parsing import parse_id
from store import conf
from store.actions.reservations import release_expired_reservations
from store.carts import SESSION_TOKEN_KEY, remember_item_count
from store.errors import StoreError
from store.models import Cart, CartLine, Product, Variant


def parse_quantity(raw, *, default: int = 1) -> int:
    """A quantity from a form: a whole number from 1 up. Limits are checked by the actions."""
    if raw in (None, ""):
        return default
    try:
        quantity = int(str(raw).strip())
    except ValueError:
        raise StoreError("Quantity must be a whole number.") from None
    if quantity < 1:
        raise StoreError("Quantity must be at least 1.")
    return quantity


def _sellable_variant(variant_id) -> Variant:
    variant_pk = parse_id(variant_id)
    if variant_pk is None:
        raise StoreError("Choose a version of the product.")
    variant = (
        Variant.objects.select_related("product")
        .filter(pk=variant_pk, is_active=True, product__status=Product.Status.ACTIVE)
        .first()
    )
    if variant is None:
        raise StoreError("That product version does not exist or is no longer sold.")
    return variant


def _check_quantity(variant: Variant, quantity: int) -> None:
    limit = variant.product.quantity_limit
    if quantity > limit:
        raise StoreError(f"You can buy at most {limit} of {variant.product.name} per order.")
    if variant.stock <= 0:
        raise StoreError(f"{variant} is sold out.")
    if quantity > variant.stock:
        raise StoreError(f"Only {variant.stock} of {variant} left.")


def add_to_cart(*, user, session, variant_id, quantity: int, source_thread_id: int | None = None) -> CartLine:
    variant_pk = parse_id(variant_id)
    if variant_pk is not None:
        # Lapsed holds on this product go back on sale before its stock is judged.
        release_expired_reservations(variant_ids=[variant_pk])
    line = _add_to_cart(
        user=user,
        session=session,
        variant_id=variant_id,
        quantity=quantity,
        source_thread_id=source_thread_id,
    )
    remember_item_count(session, line.cart)
    return line


@transaction.atomic
def _add_to_cart(*, user, session, variant_id, quantity: int, source_thread_id: int | None) -> CartLine:
    variant = _sellable_variant(variant_id)
    cart = ensure_cart(user=user, session=session)
    Cart.objects.select_for_update().filter(pk=cart.pk).first()
    line = CartLine.objects.filter(cart=cart, variant=variant).first()
    new_quantity = (line.quantity if line else 0) + quantity
    _check_quantity(variant, new_quantity)
    if line is None:
        if cart.lines.count() >= conf.max_lines_per_order():
            raise StoreError(f"A cart holds at most {conf.max_lines_per_order()} different items.")
        return CartLine.objects.create(
            cart=cart, variant=variant, quantity=new_quantity, source_thread_id=source_thread_id
        )
    line.quantity = new_quantity
    if source_thread_id and not line.source_thread_id:
        line.source_thread_id = source_thread_id
    line.save(update_fields=["quantity", "source_thread_id"])
    return line


@transaction.atomic
def set_cart_quantity(*, user, session, variant_id, quantity: int) -> None:
    """Set a line's quantity; 0 removes it."""
    variant_pk = parse_id(variant_id)
    if variant_pk is None:
        raise StoreError("That item is not in your cart.")
    cart = ensure_cart(user=user, session=session)
    if quantity == 0:
        CartLine.objects.filter(cart=cart, variant_id=variant_pk).delete()
        remember_item_count(session, cart)
        return
    variant = _sellable_variant(variant_id)
    _check_quantity(variant, quantity)
    if not CartLine.objects.filter(cart=cart, variant=variant).update(quantity=quantity):
        raise StoreError("That item is not in your cart.")
    remember_item_count(session, cart)


@transaction.atomic
def merge_session_cart(*, user, session) -> int:
    """Move the visitor's cart lines into the member's cart (quantities add up to the limits). Returns
    how many lines moved. Called from the log-in signal, so a failure here never blocks a log-in."""
    token = session.pop(SESSION_TOKEN_KEY, None)
    if not token:
        return 0
    anonymous = Cart.objects.filter(session_key=token, user__isnull=True).first()
    if anonymous is None:
        return 0
    cart, _ = Cart.objects.get_or_create(user=user)
    moved = 0
    for line in anonymous.lines.select_related("variant__product").order_by("id"):
        limit = min(line.variant.product.quantity_limit, max(line.variant.stock, 0))
        if limit <= 0:
            continue
        existing = CartLine.objects.filter(cart=cart, variant_id=line.variant_id).first()
        if existing:
            CartLine.objects.filter(pk=existing.pk).update(
                quantity=min(limit, existing.quantity + line.quantity)
                if existing.quantity + line.quantity > limit
                else F("quantity") + line.quantity
            )
        else:
            CartLine.objects.create(
                cart=cart,
                variant_id=line.variant_id,
                quantity=min(limit, line.quantity),
                source_thread_id=line.source_thread_id,
            )
        moved += 1
    anonymous.delete()
    return moved


def ensure_cart(*, user, session) -> Cart:
    """The request's cart, created on first use (called by the cart actions)."""
    if user is not None and user.is_authenticated:
        return Cart.objects.get_or_create(user=user)[0]
    token = session.get(SESSION_TOKEN_KEY)
    if token:
        cart = Cart.objects.filter(session_key=token, user__isnull=True).first()
        if cart is not None:
            return cart
    token = secrets.token_urlsafe(24)
    session[SESSION_TOKEN_KEY] = token
    return Cart.objects.create(session_key=token)
