"""Shipping and tax: ``quote()`` computes an order's totals from server-side prices, with flat
rates from store settings (flat shipping per order, free above a threshold, one tax rate on goods
plus shipping). One implementation, called directly: the cart, checkout and load data all use it.
"""

from dataclasses import dataclass

from store import conf
from store.money import percent_of


@dataclass(frozen=True)
class PricedLine:
    variant_id: int
    product_id: int
    title: str
    sku: str
    unit_price_minor: int
    quantity: int
    source_thread_id: int | None = None

    @property
    def total_minor(self) -> int:
        return self.unit_price_minor * self.quantity


@dataclass(frozen=True)
class Quote:
    currency: str
    subtotal_minor: int
    shipping_minor: int
    tax_minor: int

    @property
    def total_minor(self) -> int:
        return self.subtotal_minor + self.shipping_minor + self.tax_minor


def quote(*, lines: list[PricedLine], currency: str, country: str = "") -> Quote:
    """The totals of ``lines``: flat shipping per order (free from ``STORE_FREE_SHIPPING_FROM_MINOR``)
    and ``STORE_TAX_RATE_BASIS_POINTS`` of tax on goods plus shipping. ``country`` is the address's
    ISO code; the flat rates are the same everywhere."""
    subtotal = sum(line.total_minor for line in lines)
    threshold = conf.free_shipping_from_minor()
    shipping = (
        0 if not lines or (threshold is not None and subtotal >= threshold) else conf.flat_shipping_minor()
    )
    tax = percent_of(subtotal + shipping, conf.tax_rate_basis_points())
    return Quote(currency=currency, subtotal_minor=subtotal, shipping_minor=shipping, tax_minor=tax)
