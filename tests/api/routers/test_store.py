"""Products, variants, stock, the caller's cart and orders through the API, against the document."""

import pytest

from forum.limits import limits_off
from store.actions.cart import add_to_cart
from tests.api.contract import check, covers
from tests.store.factories import ProductFactory, VariantFactory, place_test_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def variant(db):
    product = ProductFactory(name="Aurora Buds", slug="aurora-buds")
    return VariantFactory(product=product, sku="BUDS-W", price_minor=12900, currency="EUR", stock=3)


@covers("GET products", "GET products/{slug}")
def test_catalog_and_product_with_money_as_minor_units(api, variant):
    body = check(api.get("products"), "GET products")
    (card,) = body["items"]
    assert card["variants"][0]["price"] == {"amount_minor": 12900, "currency": "EUR"}
    assert card["stock_state"] == "low_stock" and card["variants"][0]["stock"] == 3
    body = check(api.get("products/aurora-buds"), "GET products/{slug}")
    assert body["description_html"].startswith("<p>") and body["quantity_limit"] >= 1
    assert check(api.get("products/no-such-thing"), "GET products/{slug}")["status"] == 404
    assert check(api.get("products?category=nope"), "GET products")["status"] == 404


@covers("GET cart")
def test_my_cart(api, member_api, member, variant):
    add_to_cart(user=member, session={}, variant_id=variant.pk, quantity=2)
    body = check(member_api.get("cart"), "GET cart")
    assert body["lines"][0]["total"] == {"amount_minor": 25800, "currency": "EUR"}
    assert body["subtotal"]["amount_minor"] == 25800 and body["total"]["amount_minor"] >= 25800
    assert check(api.get("cart"), "GET cart")["status"] == 401


@covers("GET orders", "GET orders/{number}")
def test_orders_are_the_buyers_alone(client, api, member_api, member, other_member, variant, make_token):
    with limits_off():
        mine = place_test_order(user=member, variant=variant, email=member.email)
        theirs = place_test_order(user=other_member, variant=variant, email=other_member.email)
    body = check(member_api.get("orders"), "GET orders")
    assert [row["number"] for row in body["items"]] == [mine.number]
    body = check(member_api.get(f"orders/{mine.number}"), "GET orders/{number}")
    assert body["lines"][0]["sku"] == "BUDS-W" and body["total"]["currency"] == "EUR"
    for caller in (member_api, api):
        assert check(caller.get(f"orders/{theirs.number}"), "GET orders/{number}")["status"] == 404
    assert check(api.get("orders"), "GET orders")["status"] == 401


@covers("GET orders", "GET orders/{number}")
def test_an_order_shows_where_its_parcel_is(member_api, member, team_member, variant):
    from store.actions.fulfilment import mark_order_shipped
    from store.actions.payments import settle_demo_payment

    with limits_off():
        order = place_test_order(user=member, variant=variant, email=member.email)
    settle_demo_payment(order=order, succeed=True)
    mark_order_shipped(order_id=order.pk, actor=team_member, carrier="UPS", tracking_number="1Z77")
    (row,) = check(member_api.get("orders"), "GET orders")["items"]
    assert (row["status"], row["fulfilment_status"]) == ("PAID", "SHIPPED")
    body = check(member_api.get(f"orders/{order.number}"), "GET orders/{number}")
    assert (body["carrier"], body["tracking_number"]) == ("UPS", "1Z77")
    assert body["tracking_url"] == "https://www.ups.com/track?tracknum=1Z77"
    assert [(step["key"], step["state"]) for step in body["timeline"]] == [
        ("placed", "done"),
        ("paid", "done"),
        ("packed", "done"),
        ("shipped", "current"),
        ("delivered", "upcoming"),
    ]
    assert body["timeline"][3]["url"] == body["tracking_url"] and body["timeline"][4]["at"] is None
