"""Finding the cart of a request, and pricing it from the catalog (never from the form)."""

from dataclasses import dataclass

from django.db.models import Sum

from store.errors import StoreError
from store.models import Cart, CartLine, Product, Variant
from store.pricing import PricedLine

SESSION_TOKEN_KEY = "store_cart_token"
# How many items the cart holds, for the header's cart link: kept in the session by the actions that
# change the cart (and set on log-in), so showing it on every page runs no query.
SESSION_COUNT_KEY = "store_cart_count"


def cart_item_count(session) -> int:
    """The header's cart count: what the cart actions left in the session (0 when none)."""
    if session is None:
        return 0
    try:
        return max(int(session.get(SESSION_COUNT_KEY, 0)), 0)
    except (TypeError, ValueError):
        return 0


def remember_item_count(session, cart: "Cart | None") -> int:
    """Count the cart's items (one query) and keep the number in the session for the header."""
    count = 0
    if cart is not None:
        count = CartLine.objects.filter(cart=cart).aggregate(total=Sum("quantity"))["total"] or 0
    if session is not None:
        session[SESSION_COUNT_KEY] = count
    return count


def find_cart(*, user, session) -> Cart | None:
    if user is not None and user.is_authenticated:
        return Cart.objects.filter(user=user).first()
    token = session.get(SESSION_TOKEN_KEY)
    return Cart.objects.filter(session_key=token, user__isnull=True).first() if token else None


@dataclass(frozen=True)
class CartRow:
    line: CartLine
    variant: Variant
    product: Product
    problem: str = ""

    @property
    def total_minor(self) -> int:
        return self.variant.price_minor * self.line.quantity


def cart_rows(cart: Cart | None) -> list[CartRow]:
    """The cart's lines with their variant and product, in two queries, each with what stops it selling."""
    if cart is None:
        return []
    rows = []
    lines = cart.lines.select_related("variant__product").order_by("added_at", "id")
    for line in lines:
        variant = line.variant
        product = variant.product
        problem = ""
        if product.status != Product.Status.ACTIVE or not variant.is_active:
            problem = "No longer sold."
        elif variant.stock <= 0:
            problem = "Sold out."
        elif line.quantity > variant.stock:
            problem = f"Only {variant.stock} left."
        elif line.quantity > product.quantity_limit:
            problem = f"At most {product.quantity_limit} per order."
        rows.append(CartRow(line=line, variant=variant, product=product, problem=problem))
    return rows


def variant_title(variant: Variant, product: Product) -> str:
    return f"{product.name} ({variant.label})" if variant.label else product.name


def priced_lines(rows: list[CartRow]) -> tuple[list[PricedLine], str]:
    """Prices from the catalog; raises StoreError when the cart cannot be bought as it is."""
    if not rows:
        raise StoreError("Your cart is empty.")
    for row in rows:
        if row.problem:
            raise StoreError(f"{variant_title(row.variant, row.product)}: {row.problem}")
    currencies = {row.variant.currency for row in rows}
    if len(currencies) > 1:
        raise StoreError("Items priced in different currencies must be bought in separate orders.")
    lines = [
        PricedLine(
            variant_id=row.variant.pk,
            product_id=row.product.pk,
            title=variant_title(row.variant, row.product),
            sku=row.variant.sku,
            unit_price_minor=row.variant.price_minor,
            quantity=row.line.quantity,
            source_thread_id=row.line.source_thread_id,
        )
        for row in rows
    ]
    return lines, currencies.pop()
