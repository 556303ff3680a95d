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


def test_the_order_timeline_comes_within_the_order_pages_three_queries(django_assert_num_queries):
    from django.contrib.auth.models import Group

    from community.teams import team_group_name
    from store.actions.fulfilment import mark_order_packed, mark_order_shipped
    from store.actions.payments import settle_demo_payment
    from store.timeline import order_timeline

    buyer, mira = UserFactory(username="buyer"), UserFactory(username="mira")
    mira.groups.add(Group.objects.get(name=team_group_name()))
    order = place_test_order(user=buyer, variant=VariantFactory(sku="C-1", stock=9))
    settle_demo_payment(order=order, succeed=True)
    mark_order_packed(order_id=order.pk, actor=mira)
    mark_order_shipped(order_id=order.pk, actor=mira, carrier="UPS", tracking_number="1Z1")
    # The order, its lines and its events: the timeline reads the prefetched events
    with django_assert_num_queries(3):
        found = queries.order_detail(number=order.number)
        list(found.lines.all())
        steps = order_timeline(found)
    assert [step.state for step in steps] == ["done", "done", "done", "current", "upcoming"]


@pytest.mark.parametrize("state", ["UNFULFILLED", "SHIPPED"])
@pytest.mark.parametrize("orders", [1, 5])
def test_shipments_page_reads_three_queries(django_assert_num_queries, state, orders):
    from store.models import Order

    buyer = UserFactory(username="buyer")
    for i in range(orders):
        order = place_test_order(user=buyer, variant=VariantFactory(sku=f"S-{i}", stock=9))
        Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID, fulfilment_status=state)
    # The count, the orders with their buyers, and their lines
    with django_assert_num_queries(3):
        page = queries.shipments_page(state=state, page=None)
        assert all(list(order.lines.all()) for order in page.object_list)
    assert len(page.object_list) == orders


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


def _picture(name, colour=(10, 120, 80)):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (96, 72), colour).save(buffer, format="PNG")
    return get_image_model().objects.create(title=name, file=ImageFile(buffer, name=f"{name}.png"))


def _phone_with_gallery(colours=("Black", "Green"), views=2):
    from store.models import ProductImage

    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    VariantFactory(
        product=product, sku="A14-BLK-256", options={"Colour": "Black", "Storage": "256 GB"}, stock=3
    )
    VariantFactory(
        product=product, sku="A14-GRN-256", options={"Colour": "Green", "Storage": "256 GB"}, stock=0
    )
    VariantFactory(
        product=product, sku="A14-RED-256", options={"Colour": "Red", "Storage": "256 GB"}, stock=9
    )
    position = 0
    for colour in colours:
        for view in range(views):
            ProductImage.objects.create(
                product=product,
                image=_picture(f"{colour}-{view}"),
                alt_text=f"Aurora 14 in {colour}, view {view}",
                option_value=colour if colour != "Any" else "",
                sort_order=position,
            )
            position += 1
    return product


@pytest.mark.parametrize("views", [1, 4])
def test_product_page_reads_four_queries_whatever_the_gallery(django_assert_num_queries, views):
    # Given a product whose gallery has pictures in two colours, their renditions made by a first visit
    _phone_with_gallery(views=views)
    queries.product_page(slug="aurora-14")
    # Then the page is the product with its drop, the variants, the pictures with their images, and
    # the renditions (page, thumbnail and card sizes)
    with django_assert_num_queries(4):
        page = queries.product_page(slug="aurora-14")
    assert [p.number for p in page.gallery] == list(range(1, 2 * views + 1))
    assert all(p.url.endswith(".png") and p.thumb_url.endswith(".png") for p in page.gallery)
    assert page.card.image_url.endswith(".png")


def test_each_version_is_offered_with_the_first_picture_of_its_colour():
    _phone_with_gallery(colours=("Any", "Black", "Green"))
    page = queries.product_page(slug="aurora-14")
    by_sku = {choice.variant.sku: choice for choice in page.choices}
    # the versions in their order, with their option values, price and stock from the card
    assert list(by_sku) == ["A14-BLK-256", "A14-GRN-256", "A14-RED-256"]
    assert by_sku["A14-BLK-256"].values == ["Black", "256 GB"]
    # Black and Green show their first picture (not the colourless ones); no picture is Red
    assert by_sku["A14-BLK-256"].picture.number == 3 and by_sku["A14-BLK-256"].picture.anchor == "picture-3"
    assert by_sku["A14-GRN-256"].picture.number == 5
    assert by_sku["A14-RED-256"].picture is None
    # the page opens on the first version in stock
    assert page.selected.variant.sku == "A14-BLK-256"


def test_a_picture_whose_file_is_gone_is_left_out_not_the_page():
    from wagtail.images import get_image_model

    product = _phone_with_gallery(colours=("Black",), views=2)
    lost = product.images.order_by("sort_order").last().image
    lost.file.delete(save=False)
    get_image_model().get_rendition_model().objects.filter(image=lost).delete()
    page = queries.product_page(slug="aurora-14")
    assert [p.alt for p in page.gallery] == ["Aurora 14 in Black, view 0"]


def test_shipment_counts_read_one_query(django_assert_num_queries):
    from store.models import Order

    buyer = UserFactory(username="buyer")
    states = ["UNFULFILLED", "UNFULFILLED", "SHIPPED"]
    for i, state in enumerate(states):
        order = place_test_order(user=buyer, variant=VariantFactory(sku=f"N-{i}", stock=9))
        Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID, fulfilment_status=state)
    place_test_order(user=buyer, variant=VariantFactory(sku="N-pending", stock=9))  # unpaid: not counted
    with django_assert_num_queries(1):
        assert queries.shipment_counts() == {"UNFULFILLED": 2, "SHIPPED": 1}
