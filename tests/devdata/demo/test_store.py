import pytest
from django.utils import timezone

from devdata.demo import store
from devdata.demo.people import EVERYONE
from devdata.demo.store import ADDRESSES, ORDERS, PRODUCTS, ensure_drop, ensure_product, seed_orders
from store.models import Drop, Order, Product, ProductImage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SPECS = {spec["slug"]: spec for spec in PRODUCTS}


def test_a_product_comes_with_its_variants_and_a_gallery_in_each_colour_once():
    product, created = ensure_product(SPECS["aurora-14-case"])

    assert created and product.status == Product.Status.ACTIVE
    assert sorted(product.variants.values_list("sku", "stock")) == [("A14-CASE-SAGE", 60), ("A14-CASE-SAND", 3)]
    alts = list(ProductImage.objects.filter(product=product).order_by("sort_order").values_list("alt_text", flat=True))
    assert len(alts) == 4 and all("Sage" in alt for alt in alts[:2]) and all("Sand" in alt for alt in alts[2:])
    # each picture is marked with its colour, so picking a version shows it
    colours = ProductImage.objects.filter(product=product).order_by("sort_order")
    assert list(colours.values_list("option_value", flat=True)) == ["Sage", "Sage", "Sand", "Sand"]

    again, created_again = ensure_product(SPECS["aurora-14-case"])
    assert (again, created_again) == (product, False) and ProductImage.objects.count() == 4


def test_the_orders_name_real_people_products_and_addresses():
    skus = {sku for spec in PRODUCTS for sku, *_ in spec["variants"]}
    usernames = {person.username for person in EVERYONE}
    for buyer, country, lines, outcome in ORDERS:
        assert buyer in usernames and country in ADDRESSES
        assert {sku for sku, _ in lines} <= skus
        assert outcome in store.OUTCOMES


def test_orders_are_placed_once_through_the_store_with_what_happened_after(monkeypatch):
    for slug in ("aurora-14-case", "usb-c-charger-65w"):
        ensure_product(SPECS[slug])
    people = {name: UserFactory(username=name) for name in ("leo", "sofia", "kenji")}
    people["admin"] = UserFactory(username="admin", is_staff=True, is_superuser=True)
    monkeypatch.setattr(
        store,
        "ORDERS",
        [
            ("leo", "DE", [("A14-CASE-SAGE", 1)], "delivered"),
            ("sofia", "ES", [("CHG-65W", 2)], "refunded_partly"),
            ("kenji", "JP", [("CHG-65W", 1)], "pending"),
        ],
    )
    assert seed_orders(people) == 3
    by_buyer = {order.user.username: order for order in Order.objects.select_related("user")}
    assert by_buyer["leo"].status == Order.Status.PAID and by_buyer["leo"].tracking_number
    assert by_buyer["leo"].fulfilment_status == Order.Fulfilment.DELIVERED
    assert by_buyer["sofia"].status == Order.Status.PARTIALLY_REFUNDED and by_buyer["sofia"].refunded_minor == 3900
    assert by_buyer["kenji"].status == Order.Status.PENDING
    assert by_buyer["kenji"].shipping_country == "JP" and by_buyer["leo"].provider == Order.Provider.DEMO
    assert seed_orders(people) == 0 and Order.objects.count() == 3


def test_the_demo_has_orders_in_every_fulfilment_state_dated_step_by_step(monkeypatch):
    from store.timeline import order_timeline

    outcomes = [outcome for _, _, _, outcome in ORDERS]
    assert all(outcomes.count(state) >= 2 for state in ("paid", "packed", "shipped", "delivered"))
    assert any(buyer == "leo" and outcome == "shipped" for buyer, _, _, outcome in ORDERS)
    for slug in ("aurora-14-case", "usb-c-charger-65w"):
        ensure_product(SPECS[slug])
    people = {name: UserFactory(username=name) for name in ("leo", "amara", "jonas")}
    people["mira"] = UserFactory(username="mira", is_staff=True, is_superuser=True)
    monkeypatch.setattr(
        store,
        "ORDERS",
        [
            ("leo", "DE", [("A14-CASE-SAGE", 1)], "shipped"),
            ("amara", "NG", [("CHG-65W", 1)], "packed"),
            ("jonas", "DE", [("CHG-65W", 1)], "delivered"),
        ],
    )
    assert seed_orders(people) == 3
    by_buyer = {order.user.username: order for order in Order.objects.select_related("user")}
    assert by_buyer["amara"].fulfilment_status == Order.Fulfilment.PACKED and not by_buyer["amara"].carrier
    shipped = by_buyer["leo"]
    assert shipped.fulfilment_status == Order.Fulfilment.SHIPPED and shipped.carrier == "DHL Paket"
    assert len(shipped.tracking_number) == 20 and shipped.tracking_url  # DHL Paket is a known carrier
    steps = order_timeline(by_buyer["jonas"])
    times = [step.at for step in steps]
    assert all(times) and times == sorted(times) and len(set(times)) == 5  # each step at its own moment
    assert times[-1] < timezone.now()


def test_the_limited_drop_is_upcoming_with_codes_for_three_regulars():
    ensure_product(SPECS["aurora-14-ultra"])
    people = {name: UserFactory(username=name) for name in ("leo", "amara", "kenji", "sofia")}
    people["admin"] = UserFactory(username="admin", is_staff=True, is_superuser=True)
    drop = ensure_drop(people)
    assert drop.requires_code and drop.remaining == 100
    assert sorted(drop.purchase_rights.values_list("user__username", flat=True)) == ["amara", "kenji", "leo"]
    assert ensure_drop(people) == drop and Drop.objects.count() == 1
