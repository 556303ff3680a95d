"""store.pricing.quote: flat shipping (free from a threshold) and one tax rate, called directly."""

import pytest

from store import conf, pricing
from store.pricing import PricedLine


@pytest.fixture(autouse=True)
def _rates(settings):
    settings.STORE_FLAT_SHIPPING_MINOR = 500
    settings.STORE_FREE_SHIPPING_FROM_MINOR = 10000
    settings.STORE_TAX_RATE_BASIS_POINTS = 1000  # 10 %


def _line(unit_price_minor: int, quantity: int = 1) -> PricedLine:
    return PricedLine(
        variant_id=1,
        product_id=1,
        title="Phone",
        sku="PH-1",
        unit_price_minor=unit_price_minor,
        quantity=quantity,
    )


def test_quote_adds_flat_shipping_and_tax_on_goods_plus_shipping():
    quote = pricing.quote(lines=[_line(2000, 2)], currency="EUR", country="DE")
    assert (quote.subtotal_minor, quote.shipping_minor, quote.tax_minor) == (4000, 500, 450)
    assert quote.total_minor == 4950 and quote.currency == "EUR"


def test_shipping_is_free_from_the_threshold():
    quote = pricing.quote(lines=[_line(10000)], currency="EUR")
    assert quote.shipping_minor == 0 and quote.tax_minor == 1000


def test_an_empty_order_costs_nothing():
    assert pricing.quote(lines=[], currency="EUR").total_minor == 0


def test_no_swappable_calculator_setting_is_left():
    # One implementation, called directly: the dotted-path setting and its loader are gone.
    assert not hasattr(pricing, "get_calculator")
    assert not hasattr(conf, "pricing_calculator_path")
