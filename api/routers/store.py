"""Products, variants and stock, the caller's cart and orders (read only: checkout stays in the
browser), through the store's query functions (store.queries, store.carts) and permission rules."""

from datetime import datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema

from api.auth import MEMBER, PUBLIC, user_of
from api.common import Money, money
from store import pricing, queries
from store.carts import cart_rows, find_cart, priced_lines
from store.errors import StoreError
from store.models import Order
from store.permissions import check_can_view_order
from store.timeline import order_timeline

router = Router(tags=["store"])
ANONYMOUS_OK = {"x-anonymous": True}


class VariantOut(Schema):
    id: int
    sku: str
    label: str
    price: Money
    stock: int
    in_stock: bool


class DropRef(Schema):
    title: str
    url: str


class ProductOut(Schema):
    slug: str
    name: str
    url: str
    image_url: str
    stock_state: str = Field(description="in_stock, low_stock, sold_out, upcoming or unavailable")
    variants: list[VariantOut]
    drop: DropRef | None


class CategoryOut(Schema):
    slug: str
    name: str


class Catalog(Schema):
    categories: list[CategoryOut]
    category: str | None
    items: list[ProductOut]


class ProductDetail(ProductOut):
    description: str
    description_html: str
    category: CategoryOut | None
    quantity_limit: int


class CartLineOut(Schema):
    variant_id: int
    sku: str
    title: str
    quantity: int
    unit_price: Money
    total: Money
    problem: str = Field(description="What stops this line selling, or empty.")


class CartOut(Schema):
    lines: list[CartLineOut]
    subtotal: Money | None
    shipping: Money | None
    tax: Money | None
    total: Money | None
    problem: str


class OrderLineOut(Schema):
    title: str
    sku: str
    quantity: int
    unit_price: Money
    total: Money


class OrderOut(Schema):
    number: str
    status: str = Field(description="The payment: PENDING, PAID, CANCELLED, PARTIALLY_REFUNDED or REFUNDED")
    fulfilment_status: str = Field(description="The parcel: UNFULFILLED, PACKED, SHIPPED or DELIVERED")
    created_at: datetime
    paid_at: datetime | None
    subtotal: Money
    shipping: Money
    tax: Money
    total: Money
    refunded: Money
    url: str


class OrderEventOut(Schema):
    kind: str
    from_status: str
    to_status: str
    message: str
    created_at: datetime


class TimelineStepOut(Schema):
    key: str = Field(description="placed, paid, packed, shipped, delivered, cancelled or refunded")
    label: str
    state: str = Field(description="done, current, upcoming or stopped")
    at: datetime | None
    detail: str
    url: str = Field(description="The carrier's tracking page, or empty")


class OrderDetail(OrderOut):
    lines: list[OrderLineOut]
    events: list[OrderEventOut]
    timeline: list[TimelineStepOut]
    carrier: str
    tracking_number: str
    tracking_url: str
    shipping_country: str


class OrderList(Schema):
    items: list[OrderOut]


class CatalogParams(Schema):
    category: str = Field("", max_length=80, description="A category's slug.")


def card_dict(request, card) -> dict:
    return {
        "slug": card.slug,
        "name": card.name,
        "url": request.build_absolute_uri(card.url),
        "image_url": request.build_absolute_uri(card.image_url) if card.image_url else "",
        "stock_state": card.stock_state,
        "variants": [
            {
                "id": v.id,
                "sku": v.sku,
                "label": v.label,
                "price": money(v.price_minor, v.currency),
                "stock": v.stock,
                "in_stock": v.in_stock,
            }
            for v in card.variants
        ],
        "drop": {"title": card.drop_title, "url": request.build_absolute_uri(card.drop_url)}
        if card.drop_url
        else None,
    }


@router.get("products", response=Catalog, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="The catalog")
def catalog(request, params: Query[CatalogParams]):
    categories, current, cards = queries.catalog(category_slug=params.category or None)
    return {
        "categories": [{"slug": c.slug, "name": c.name} for c in categories],
        "category": current.slug if current else None,
        "items": [card_dict(request, card) for card in cards],
    }


@router.get(
    "products/{slug}", response=ProductDetail, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="A product"
)
def product(request, slug: str):
    page = queries.product_page(slug=slug[:120])
    category = page.product.category
    return {
        **card_dict(request, page.card),
        "description": page.product.description,
        "description_html": str(page.description_html),
        "category": {"slug": category.slug, "name": category.name} if category else None,
        "quantity_limit": page.product.quantity_limit,
    }


@router.get("cart", response=CartOut, auth=MEMBER, summary="My cart")
def cart(request):
    """The cart page: its lines priced from the catalog, and what stops it selling."""
    rows = cart_rows(find_cart(user=user_of(request), session=request.session))
    quote, problem = None, ""
    if rows:
        try:
            lines, currency = priced_lines(rows)
            quote = pricing.quote(lines=lines, currency=currency)
        except StoreError as exc:
            problem = exc.text
    return {
        "lines": [
            {
                "variant_id": row.variant.pk,
                "sku": row.variant.sku,
                "title": f"{row.product.name} ({row.variant.label})"
                if row.variant.label
                else row.product.name,
                "quantity": row.line.quantity,
                "unit_price": money(row.variant.price_minor, row.variant.currency),
                "total": money(row.total_minor, row.variant.currency),
                "problem": row.problem,
            }
            for row in rows
        ],
        "subtotal": money(quote.subtotal_minor, quote.currency) if quote else None,
        "shipping": money(quote.shipping_minor, quote.currency) if quote else None,
        "tax": money(quote.tax_minor, quote.currency) if quote else None,
        "total": money(quote.total_minor, quote.currency) if quote else None,
        "problem": problem,
    }


def order_dict(request, order: Order) -> dict:
    currency = order.currency
    return {
        "number": order.number,
        "status": order.status,
        "fulfilment_status": order.fulfilment_status,
        "created_at": order.created_at,
        "paid_at": order.paid_at,
        "subtotal": money(order.subtotal_minor, currency),
        "shipping": money(order.shipping_minor, currency),
        "tax": money(order.tax_minor, currency),
        "total": money(order.total_minor, currency),
        "refunded": money(order.refunded_minor, currency),
        "url": request.build_absolute_uri(order.get_absolute_url()),
    }


@router.get("orders", response=OrderList, auth=MEMBER, summary="My orders")
def orders(request):
    return {"items": [order_dict(request, order) for order in queries.order_history(user=user_of(request))]}


@router.get(
    "orders/{number}", response=OrderDetail, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="An order"
)
def order(request, number: str):
    """The buyer's order (or one this browser session placed as a visitor); anyone else's is a 404,
    as on the order page."""
    found = queries.order_detail(number=number[:16])
    if not check_can_view_order(user=user_of(request), session=request.session, order=found):
        raise Http404("No such order.")
    currency = found.currency
    return {
        **order_dict(request, found),
        "lines": [
            {
                "title": line.title,
                "sku": line.sku,
                "quantity": line.quantity,
                "unit_price": money(line.unit_price_minor, currency),
                "total": money(line.total_minor, currency),
            }
            for line in found.lines.all()
        ],
        "events": [
            {
                "kind": event.kind,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "message": event.message,
                "created_at": event.created_at,
            }
            for event in sorted(found.events.all(), key=lambda e: (e.created_at, e.pk))
        ],
        "timeline": [
            {
                "key": step.key,
                "label": step.label,
                "state": step.state,
                "at": step.at,
                "detail": step.detail,
                "url": step.url,
            }
            for step in order_timeline(found)
        ],
        "carrier": found.carrier,
        "tracking_number": found.tracking_number,
        "tracking_url": found.tracking_url,
        "shipping_country": str(found.shipping_country or ""),
    }
