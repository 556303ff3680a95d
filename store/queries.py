"""Read paths the store's pages share, each a fixed number of queries."""

import logging
from dataclasses import dataclass

import nh3
from django.db.models import OuterRef
from django.http import Http404
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from community import hooks
from search.panels import product_discussions
from store.cards import ProductCard, build_card, cards_for_products
from store.drops import drop_from_json, governing_drop_json
from store.models import Category, Drop, Order, Product, ProductImage, PurchaseRight, Variant

logger = logging.getLogger(__name__)
PAGE_IMAGE_SPEC = "width-720"  # keep in step with store/product.html
_markdown = MarkdownIt("commonmark", {"html": False})


def render_description(text: str) -> SafeString:
    return mark_safe(nh3.clean(_markdown.render(text or "")))


def catalog(*, category_slug: str | None = None) -> tuple[list[Category], Category | None, list[ProductCard]]:
    categories = list(
        Category.objects.filter(products__status=Product.Status.ACTIVE)
        .distinct()
        .order_by("position", "name")
    )
    current = next((c for c in categories if c.slug == category_slug), None) if category_slug else None
    if category_slug and current is None:
        raise Http404("No such category")
    products = Product.objects.active().order_by("name")
    if current is not None:
        products = products.filter(category=current)
    return categories, current, list(cards_for_products(list(products)).values())


@dataclass(frozen=True)
class ProductPage:
    product: Product
    variants: list[Variant]
    images: list[ProductImage]
    card: ProductCard
    drop: Drop | None
    description_html: SafeString


def product_page(*, slug: str) -> ProductPage:
    product = (
        Product.objects.active()
        .select_related("category")
        .annotate(governing_drop=governing_drop_json(OuterRef("pk")))
        .filter(slug=slug)
        .first()
    )
    if product is None:
        raise Http404("No such product")
    variants = list(Variant.objects.filter(product=product, is_active=True).order_by("sort_order", "id"))
    images = list(
        ProductImage.objects.filter(product=product).select_related("image").order_by("sort_order", "id")
    )
    drop = drop_from_json(product.governing_drop)
    return ProductPage(
        product=product,
        variants=variants,
        images=images,
        card=build_card(product, variants, images[0] if images else None, drop),
        drop=drop,
        description_html=render_description(product.description),
    )


def _discussions_panel(*, product: Product, request) -> str:
    """The store's own panel, built on search (store may import search; search imports no store):
    discussions and feedback that mention the product, most voted first."""
    return product_discussions(product_id=product.pk, request=request, product_name=product.name)


def community_panels(*, product: Product, request) -> list[SafeString]:
    """The product's discussions (through search), then the HTML fragments apps above the store
    register under ``store.product_panels``. A panel that fails is left out, not the page."""
    fragments = []
    for provider in (_discussions_panel, *hooks.get(hooks.Hook.STORE_PRODUCT_PANELS)):
        try:
            html = provider(product=product, request=request)
        except Exception:
            logger.exception("store.product_panels provider %r failed", provider)
            continue
        if html:
            fragments.append(mark_safe(str(html)))
    return fragments


def order_history(*, user) -> list[Order]:
    return list(Order.objects.filter(user=user).prefetch_related("lines").order_by("-created_at", "-id"))


def order_detail(*, number: str) -> Order:
    order = Order.objects.prefetch_related("lines", "events").filter(number=number).first()
    if order is None:
        raise Http404("No such order")
    return order


def drop_page(*, slug: str, user) -> tuple[Drop, ProductCard, list[PurchaseRight]]:
    drop = (
        Drop.objects.select_related("product")
        .filter(slug=slug, product__status=Product.Status.ACTIVE)
        .first()
    )
    if drop is None:
        raise Http404("No such sale")
    card = cards_for_products([drop.product])[drop.product.slug]
    rights = (
        list(PurchaseRight.objects.filter(drop=drop, user=user, used_at__isnull=True).order_by("granted_at"))
        if user.is_authenticated
        else []
    )
    return drop, card, rights
