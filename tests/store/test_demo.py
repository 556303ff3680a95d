from io import StringIO

import pytest

from community.demo import seed_community
from store.demo import seed_store_demo
from store.models import Drop, Order, Product, PurchaseRight

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]


def test_store_demo_is_complete_and_idempotent():
    seed_community(StringIO())
    seed_store_demo(StringIO())

    phone = Product.objects.get(slug="aurora-14")
    assert phone.aliases == ["Aurora14", "A14"] and phone.version_pattern == r"V\d+\.\d+\.\d+\.\d+"
    assert phone.variants.count() == 4 and phone.images.exists()
    assert Product.objects.get(slug="aurora-buds-pro").aliases == ["Buds Pro"]
    assert Product.objects.get(slug="home-hub").name == "Canopy Home Hub"
    drop = Drop.objects.get()
    assert not drop.is_open() and drop.requires_code
    assert PurchaseRight.objects.filter(drop=drop).count() == 3
    statuses = set(Order.objects.values_list("status", flat=True))
    assert {"COMPLETED", "SHIPPED", "PAID", "PARTIALLY_REFUNDED", "PENDING", "CANCELLED"} <= statuses
    assert set(Order.objects.values_list("provider", flat=True)) == {"DEMO"}

    counts = (Product.objects.count(), Order.objects.count(), PurchaseRight.objects.count())
    seed_store_demo(StringIO())
    assert (Product.objects.count(), Order.objects.count(), PurchaseRight.objects.count()) == counts


def test_featured_products_provider():
    from store.featured import featured_products

    seed_community(StringIO())
    seed_store_demo(StringIO())
    items = featured_products(slugs=["home-hub", "aurora-14", "missing"], limit=4)
    assert [item.title for item in items] == ["Canopy Home Hub", "Aurora 14"]
    assert items[1].summary == "from $799.00" and items[1].url == "/store/aurora-14/"
    assert len(featured_products(slugs=[], limit=2)) == 2


def test_landing_page_reads_price_and_stock_from_the_catalog(client):
    from store.models import Variant

    seed_community(StringIO())
    seed_store_demo(StringIO())
    html = client.get("/meet-aurora-14/").content.decode()
    assert "Meet the Aurora 14" in html and "from $799.00" in html and "In stock" in html

    Variant.objects.filter(product__slug="aurora-14").update(stock=0)
    html = client.get("/meet-aurora-14/").content.decode()
    assert "Sold out" in html
