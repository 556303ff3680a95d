"""Shipping and tax. One calculator computes an order's totals from server-side prices.

The calculator is pluggable through ``STORE_PRICING_CALCULATOR`` (a dotted path to a class with a
``quote(*, lines, currency, country)`` method); the default is flat rates from store settings.
"""

from dataclasses import dataclass
from functools import cache

from django.utils.module_loading import import_string

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


class FlatRateCalculator:
    """Flat shipping per order (free above a threshold) and one tax rate on goods plus shipping."""

    def quote(self, *, lines: list[PricedLine], currency: str, country: str = "") -> Quote:
        subtotal = sum(line.total_minor for line in lines)
        threshold = conf.free_shipping_from_minor()
        shipping = (
            0
            if not lines or (threshold is not None and subtotal >= threshold)
            else conf.flat_shipping_minor()
        )
        tax = percent_of(subtotal + shipping, conf.tax_rate_basis_points())
        return Quote(currency=currency, subtotal_minor=subtotal, shipping_minor=shipping, tax_minor=tax)


@cache
def _calculator_class(path: str):
    return import_string(path)


def get_calculator():
    return _calculator_class(conf.pricing_calculator_path())()
