"""Product cards for posts: ``[[product:slug]]`` in a post becomes a card with live price and stock.

The forum finds the slugs of a page's posts with ``PRODUCT_TOKEN_RE``, calls ``cards_for_slugs`` once
for the whole page (a fixed number of queries), and renders ``store/includes/product_card.html`` with
``card``, ``source_thread_id`` and ``next_url``: "Add to cart" (the first action) comes back to the
thread, "Buy now" goes on to checkout; both keep the thread on the cart line.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from wagtail.images import get_image_model

from store.drops import drops_by_product
from store.models import Product, ProductImage, Variant
from store.money import format_money

PRODUCT_TOKEN_RE = re.compile(r"\[\[product:(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\]\]")


@dataclass(frozen=True)
class CardVariant:
    id: int
    label: str
    sku: str
    price_minor: int
    currency: str
    price_display: str
    stock: int

    @property
    def in_stock(self) -> bool:
        return self.stock > 0


@dataclass(frozen=True)
class ProductCard:
    product_id: int
    slug: str
    name: str
    url: str
    image_url: str
    image_alt: str
    price_display: str  # "$1,299.00" or "from $1,299.00"
    stock_state: str  # "in_stock", "low_stock", "sold_out", "upcoming" or "unavailable"
    stock_label: str
    variants: list[CardVariant] = field(default_factory=list)
    drop_title: str = ""
    drop_url: str = ""

    @property
    def buyable(self) -> bool:
        return self.stock_state in {"in_stock", "low_stock"} and any(v.in_stock for v in self.variants)

    @property
    def default_variant_id(self) -> int | None:
        """The version a card's buttons buy unless another is chosen: the first one in stock."""
        in_stock = [v for v in self.variants if v.in_stock]
        chosen = in_stock or self.variants
        return chosen[0].id if chosen else None


LOW_STOCK = 5
CARD_IMAGE_SPEC = "fill-480x360"

STOCK_LABELS = {
    "in_stock": "In stock",
    "low_stock": "Only a few left",
    "sold_out": "Sold out",
    "upcoming": "Coming soon",
    "unavailable": "Not available",
}


def stock_state(variants: list[Variant], drop=None, now=None) -> str:
    if not variants:
        return "unavailable"
    if drop is not None and not drop.is_open(now):
        return "upcoming"
    if drop is not None and drop.remaining <= 0:
        return "sold_out"
    total = sum(v.stock for v in variants if v.is_active)
    if total <= 0:
        return "sold_out"
    return "low_stock" if total <= LOW_STOCK else "in_stock"


def price_display(variants: list[Variant]) -> str:
    if not variants:
        return ""
    cheapest = min(variants, key=lambda v: v.price_minor)
    text = format_money(cheapest.price_minor, cheapest.currency)
    return f"from {text}" if any(v.price_minor != cheapest.price_minor for v in variants) else text


def image_rendition_url(image, spec: str = CARD_IMAGE_SPEC) -> str:
    try:
        return image.get_rendition(spec).url
    except Exception:  # a missing file must not break a page of posts
        return ""


def build_card(
    product: Product, variants: list[Variant], image: ProductImage | None, drop=None
) -> ProductCard:
    state = stock_state(variants, drop)
    return ProductCard(
        product_id=product.pk,
        slug=product.slug,
        name=product.name,
        url=product.get_absolute_url(),
        image_url=image_rendition_url(image.image) if image else "",
        image_alt=(image.alt_text if image else "") or product.name,
        price_display=price_display(variants),
        stock_state=state,
        stock_label=STOCK_LABELS[state],
        variants=[
            CardVariant(
                id=v.pk,
                label=v.label or v.sku,
                sku=v.sku,
                price_minor=v.price_minor,
                currency=v.currency,
                price_display=format_money(v.price_minor, v.currency),
                stock=max(v.stock, 0),
            )
            for v in variants
        ],
        drop_title=drop.title if drop else "",
        drop_url=drop.get_absolute_url() if drop else "",
    )


def cards_for_products(products: list[Product]) -> dict[str, ProductCard]:
    ids = [p.pk for p in products]
    variants: dict[int, list[Variant]] = {pid: [] for pid in ids}
    for variant in Variant.objects.filter(product_id__in=ids, is_active=True).order_by("sort_order", "id"):
        variants[variant.product_id].append(variant)
    images: dict[int, ProductImage] = {}
    renditions = Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(CARD_IMAGE_SPEC))
    for image in (
        ProductImage.objects.filter(product_id__in=ids)
        .prefetch_related(renditions)
        .order_by("sort_order", "id")
    ):
        images.setdefault(image.product_id, image)
    drops = drops_by_product(ids)
    return {p.slug: build_card(p, variants[p.pk], images.get(p.pk), drops.get(p.pk)) for p in products}


def cards_for_slugs(slugs: Iterable[str]) -> dict[str, ProductCard]:
    """Cards for the active products among ``slugs``, keyed by slug; unknown slugs are left out.
    Six queries (products, variants, product images, images, renditions, drops), whatever the number of cards."""
    wanted = sorted({slug for slug in slugs if slug})
    if not wanted:
        return {}
    products = list(Product.objects.active().filter(slug__in=wanted).order_by("name"))
    return cards_for_products(products)
