"""store/queries.py: each page's read path is one function with an exact, pinned number of queries,
whatever the number of products, variants or order lines."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from store import queries
from store.actions.cart import add_to_cart
from tests.factories import UserFactory
from tests.store.factories import (
    CategoryFactory,
    DropFactory,
    ProductFactory,
    VariantFactory,
    place_test_order,
)

pytestmark = pytest.mark.django_db


def _catalog(products: int):
    phones = CategoryFactory(name="Phones", slug="phones")
    for i in range(products):
        product = ProductFactory(name=f"Phone {i}", slug=f"phone-{i}", category=phones)
        for j in range(3):
            VariantFactory(product=product, sku=f"P{i}-{j}", stock=5)


@pytest.mark.parametrize("products", [2, 12])
def test_catalog_reads_five_queries(django_assert_num_queries, products):
    # Given a category of products with variants (and no images)
    _catalog(products)
    # Then the catalog is categories, products, then the cards' variants, images and drops
    with django_assert_num_queries(5):
        categories, current, cards = queries.catalog(category_slug="phones")
    assert [c.slug for c in categories] == ["phones"] and current.slug == "phones"
    assert len(cards) == products and all(len(card.variants) == 3 for card in cards)


@pytest.mark.parametrize("lines", [1, 4])
def test_order_detail_reads_three_queries(django_assert_num_queries, lines):
    buyer = UserFactory(username="buyer")
    product = ProductFactory(name="Charger", slug="charger")
    variants = [VariantFactory(product=product, sku=f"C-{i}", stock=9) for i in range(lines)]
    for variant in variants[1:]:
        add_to_cart(user=buyer, session={}, variant_id=variant.pk, quantity=1)
    order = place_test_order(user=buyer, variant=variants[0])
    # The order, its lines and its events
    with django_assert_num_queries(3):
        found = queries.order_detail(number=order.number)
        assert len(list(found.lines.all())) == lines and list(found.events.all())


@pytest.mark.parametrize("signed_in", [False, True])
def test_drop_page_reads_a_fixed_number_of_queries(django_assert_num_queries, signed_in):
    drop = DropFactory(product=ProductFactory(name="Aurora 14", slug="aurora-14"), slug="launch")
    VariantFactory(product=drop.product, sku="A14-1", stock=5)
    user = UserFactory(username="fan") if signed_in else AnonymousUser()
    # The drop with its product, the card's variants, images and drops, and (signed in) the rights
    with django_assert_num_queries(5 if signed_in else 4):
        found, card, rights = queries.drop_page(slug="launch", user=user)
    assert found.pk == drop.pk and card.slug == "aurora-14" and rights == []


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def test_reading_store_pages_writes_nothing(client):
    # Given a catalog, a drop and a member's order, and the site's settings made by a first visit
    _catalog(2)
    buyer = UserFactory(username="buyer")
    order = place_test_order(
        user=buyer, variant=VariantFactory(product=ProductFactory(slug="cable"), sku="CB")
    )
    DropFactory(product=ProductFactory(name="Aurora 14", slug="aurora-14"), slug="launch")
    client.force_login(buyer)
    client.get("/store/")
    # When the pages are read, then nothing is written
    for url in (
        "/store/",
        "/store/?category=phones",
        f"/store/orders/{order.number}/",
        "/store/drops/launch/",
    ):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]
        assert writes == [], url
