"""Read paths the store's pages share, each a fixed number of queries."""

import logging
from dataclasses import dataclass

import nh3
from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch
from django.http import Http404
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from wagtail.images import get_image_model

from community import hooks
from search.panels import product_discussions
from store.cards import CARD_IMAGE_SPEC, CardVariant, ProductCard, build_card, cards_for_products
from store.drops import drop_from_json, governing_drop_json
from store.models import Category, Drop, Order, Product, ProductImage, PurchaseRight, Variant

logger = logging.getLogger(__name__)
PAGE_IMAGE_SPEC = "width-960"  # the gallery's pictures
THUMB_IMAGE_SPEC = "fill-160x120"  # its thumbnails and the version buttons' swatches
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
class GalleryPicture:
    """One picture of the product page's gallery, its renditions read with the page."""

    number: int  # 1, 2, ... in the team's order
    url: str
    width: int
    height: int
    thumb_url: str
    alt: str
    option_value: str

    @property
    def anchor(self) -> str:
        return f"picture-{self.number}"


@dataclass(frozen=True)
class VariantChoice:
    """A version in the picker: the card's variant (price, stock), its option values, and the first
    picture that shows one of them (its swatch; picking the version shows it in the gallery)."""

    variant: CardVariant
    values: list[str]
    picture: GalleryPicture | None


@dataclass(frozen=True)
class ProductPage:
    product: Product
    variants: list[Variant]
    images: list[ProductImage]
    gallery: list[GalleryPicture]
    choices: list[VariantChoice]
    card: ProductCard
    drop: Drop | None
    description_html: SafeString

    @property
    def selected(self) -> VariantChoice | None:
        """The version chosen when the page opens: the card's default (the first one in stock)."""
        chosen = self.card.default_variant_id
        return next((c for c in self.choices if c.variant.id == chosen and c.variant.in_stock), None)


def _gallery(images: list[ProductImage], product_name: str) -> list[GalleryPicture]:
    pictures = []
    for image in images:
        try:
            renditions = image.image.get_renditions(PAGE_IMAGE_SPEC, THUMB_IMAGE_SPEC)
        except Exception:  # a picture whose file is missing is left out, not the page
            logger.warning("product picture %s has no renditions", image.image_id, exc_info=True)
            continue
        main, thumb = renditions[PAGE_IMAGE_SPEC], renditions[THUMB_IMAGE_SPEC]
        pictures.append(
            GalleryPicture(
                number=len(pictures) + 1,
                url=main.url,
                width=main.width,
                height=main.height,
                thumb_url=thumb.url,
                alt=image.alt_text or product_name,
                option_value=image.option_value.strip(),
            )
        )
    return pictures


def _choices(
    variants: list[Variant], card: ProductCard, gallery: list[GalleryPicture]
) -> list[VariantChoice]:
    by_id = {v.id: v for v in card.variants}
    first_picture: dict[str, GalleryPicture] = {}
    for picture in gallery:
        if picture.option_value:
            first_picture.setdefault(picture.option_value.casefold(), picture)
    choices = []
    for variant in variants:
        values = [str(value) for value in (variant.options or {}).values() if str(value).strip()]
        picture = next((first_picture[v.casefold()] for v in values if v.casefold() in first_picture), None)
        choices.append(VariantChoice(variant=by_id[variant.pk], values=values, picture=picture))
    return choices


def product_page(*, slug: str) -> ProductPage:
    """The product page: the product with its governing drop, its variants, and its gallery's pictures
    with their images and renditions (page size, thumbnail and the card's): four queries, whatever
    the number of pictures, once the renditions exist."""
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
    renditions = Prefetch(
        "image__renditions",
        queryset=get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=[PAGE_IMAGE_SPEC, THUMB_IMAGE_SPEC, CARD_IMAGE_SPEC]),
        to_attr="prefetched_renditions",
    )
    images = list(
        ProductImage.objects.filter(product=product)
        .select_related("image")
        .prefetch_related(renditions)
        .order_by("sort_order", "id")
    )
    drop = drop_from_json(product.governing_drop)
    card = build_card(product, variants, images[0] if images else None, drop)
    gallery = _gallery(images, product.name)
    return ProductPage(
        product=product,
        variants=variants,
        images=images,
        gallery=gallery,
        choices=_choices(variants, card, gallery),
        card=card,
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


SHIPMENTS_PER_PAGE = 50


def shipments_page(*, state: str, page) -> DjangoPage:
    """The team's shipments list: paid orders whose parcel is in ``state``, with their buyers and
    lines (three queries and the count). Still to pack or ship: oldest payment first; shipped or
    delivered: the latest move first."""
    orders = (
        Order.objects.filter(status__in=Order.FULFILLABLE_STATUSES, fulfilment_status=state)
        .select_related("user")
        .prefetch_related("lines")
    )
    if state in (Order.Fulfilment.UNFULFILLED, Order.Fulfilment.PACKED):
        orders = orders.order_by("paid_at", "id")
    else:
        orders = orders.order_by("-updated_at", "-id")
    return Paginator(orders, SHIPMENTS_PER_PAGE).get_page(page)


def shipment_counts() -> dict[str, int]:
    """How many paid orders wait in each fulfilment state (one query), for the shipments list's tabs."""
    rows = (
        Order.objects.filter(status__in=Order.FULFILLABLE_STATUSES)
        .values_list("fulfilment_status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


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
