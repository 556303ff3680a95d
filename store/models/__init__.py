from store.models.cart import Cart, CartLine
from store.models.catalog import Category, Product, ProductImage, Variant
from store.models.drops import Drop, DropEntry, PurchaseRight
from store.models.orders import (
    Order,
    OrderEvent,
    OrderLine,
    Refund,
    StockReservation,
    StripeEvent,
)
from store.models.pages import ProductLandingPage

__all__ = [
    "Cart",
    "CartLine",
    "Category",
    "Drop",
    "DropEntry",
    "Order",
    "OrderEvent",
    "OrderLine",
    "Product",
    "ProductImage",
    "ProductLandingPage",
    "PurchaseRight",
    "Refund",
    "StockReservation",
    "StripeEvent",
    "Variant",
]
