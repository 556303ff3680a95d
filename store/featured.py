"""The home page's ``home.featured_products`` provider."""

from community.blocks import FeaturedItem
from store.cards import cards_for_slugs
from store.models import Product


def featured_products(*, slugs: list[str], limit: int) -> list[FeaturedItem]:
    if not slugs:
        slugs = list(
            Product.objects.active().order_by("-created_at", "-id").values_list("slug", flat=True)[:limit]
        )
    cards = cards_for_slugs(slugs)
    ordered = [cards[slug] for slug in slugs if slug in cards][:limit]
    return [
        FeaturedItem(
            title=card.name,
            url=card.url,
            summary=card.price_display,
            meta=card.stock_label,
            image_url=card.image_url,
        )
        for card in ordered
    ]
