"""Products for the composer's card picker: the active products whose name or slug holds what was
typed, with their lowest price, in one query (tests/store/test_picker.py pins it). The composer
inserts ``[[product:slug]]``, which a post shows as the live product card (forum/markdown.py)."""

from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery

from store.models import Product, Variant
from store.money import format_money

PICKER_LIMIT = 8
MAX_QUERY_LENGTH = 80


@dataclass(frozen=True)
class PickedProduct:
    slug: str
    name: str
    category: str
    price_display: str  # the lowest price of its versions on sale, "" when none is

    @property
    def token(self) -> str:
        return f"[[product:{self.slug}]]"


def products_to_pick(*, query: str, limit: int = PICKER_LIMIT) -> list[PickedProduct]:
    """Up to ``limit`` active products matching ``query`` (names starting with it first, then by
    name); an empty query lists the first ones by name. Draft products are never offered."""
    text = " ".join(query.split())[:MAX_QUERY_LENGTH]
    cheapest = Variant.objects.filter(product=OuterRef("pk"), is_active=True).order_by("price_minor", "pk")
    products = Product.objects.active().select_related("category")
    if text:
        products = products.filter(Q(name__icontains=text) | Q(slug__icontains=text.replace(" ", "-")))
    rows = products.annotate(
        cheapest_minor=Subquery(cheapest.values("price_minor")[:1]),
        cheapest_currency=Subquery(cheapest.values("currency")[:1]),
    ).order_by("name", "pk")[: limit * 4 if text else limit]
    picked = [
        PickedProduct(
            slug=row.slug,
            name=row.name,
            category=row.category.name if row.category_id else "",
            price_display=(
                format_money(row.cheapest_minor, row.cheapest_currency)
                if row.cheapest_minor is not None
                else ""
            ),
        )
        for row in rows
    ]
    if text:  # "case" finds "Case …" before "Aurora 14 Case"; the cut comes after the ranking
        lowered = text.casefold()
        picked.sort(key=lambda p: not p.name.casefold().startswith(lowered))
    return picked[:limit]
