"""The team's store pages in the Wagtail admin."""

import pytest
from django.urls import reverse

from store.actions.payments import settle_demo_payment
from store.models import Drop, Order
from tests.factories import UserFactory
from tests.store.factories import DropFactory, ProductFactory, VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]


@pytest.fixture
def team_client(client):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def paid_order(member):
    order = place_test_order(user=member, variant=VariantFactory(price_minor=5000))
    settle_demo_payment(order=order, succeed=True)
    return order


def test_order_listing_filters_by_status(team_client, paid_order, member):
    pending = place_test_order(user=member, variant=VariantFactory())
    html = team_client.get(reverse("store_orders:index"), {"status": "PAID"}).content.decode()
    assert paid_order.number in html and pending.number not in html


def test_mark_shipped_and_refund_from_the_manage_page(team_client, paid_order):
    url = reverse("store_orders:edit", args=[paid_order.pk])
    assert team_client.get(url).status_code == 200
    team_client.post(url, {"action": "ship", "ship-tracking_number": "TRACK-1"})
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.SHIPPED and paid_order.tracking_number == "TRACK-1"

    team_client.post(url, {"action": "refund", "refund-amount_minor": "999999999", "refund-reason": ""})
    paid_order.refresh_from_db()
    assert paid_order.refunded_minor == 0  # more than paid: refused with a message

    team_client.post(url, {"action": "refund", "refund-amount_minor": "500", "refund-reason": "Late"})
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.PARTIALLY_REFUNDED and paid_order.refunded_minor == 500


def test_members_cannot_reach_the_manage_page(client, member, paid_order):
    member.is_staff = True
    member.save()
    client.force_login(member)
    response = client.post(
        reverse("store_orders:edit", args=[paid_order.pk]), {"action": "ship", "ship-tracking_number": "X"}
    )
    assert response.status_code in (302, 403)
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.PAID


def test_product_and_drop_pages_render(team_client):
    product = ProductFactory()
    VariantFactory(product=product)
    drop = DropFactory(product=product)
    for url in (
        reverse("store_products:index"),
        reverse("store_products:edit", args=[product.pk]),
        reverse("store_drops:edit", args=[drop.pk]),
        reverse("store_purchase_rights:add"),
    ):
        assert team_client.get(url).status_code == 200, url


def test_drop_form_sets_and_moves_remaining(team_client):
    product = ProductFactory()
    data = {
        "product": product.pk,
        "title": "Launch",
        "slug": "launch",
        "starts_at": "2030-01-01 10:00",
        "ends_at": "",
        "quantity": 50,
        "per_person_limit": 2,
    }
    response = team_client.post(reverse("store_drops:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    drop = Drop.objects.get(slug="launch")
    assert drop.remaining == 50

    Drop.objects.filter(pk=drop.pk).update(remaining=45)  # five sold meanwhile
    team_client.post(reverse("store_drops:edit", args=[drop.pk]), {**data, "quantity": 60})
    drop.refresh_from_db()
    assert (drop.quantity, drop.remaining) == (60, 55)


def _picture(name):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (10, 120, 80)).save(buffer, format="PNG")
    return get_image_model().objects.create(title=name, file=ImageFile(buffer, name=f"{name}.png"))


def test_the_team_orders_the_gallery_and_tells_each_picture_its_colour(team_client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from store.models import ProductImage

    # Given a product with one version and two pictures in the image library
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    variant = VariantFactory(product=product, sku="A14-BLK", options={"Colour": "Black"}, price_minor=2500)
    black, green = _picture("black"), _picture("green")
    url = reverse("store_products:edit", args=[product.pk])
    form = team_client.get(url).content.decode()
    assert 'name="images-__prefix__-option_value"' in form  # the gallery inline has the option field
    # When the team adds them green first, each with its colour
    data = nested_form_data(
        {
            "name": "Aurora 14",
            "slug": "aurora-14",
            "category": "",
            "status": "ACTIVE",
            "description": "A phone.",
            "aliases": "[]",
            "version_pattern": "",
            "max_per_order": "",
            "variants": inline_formset(
                [
                    {
                        "id": variant.pk,
                        "sku": "A14-BLK",
                        "options": '{"Colour": "Black"}',
                        "price_minor": "2500",
                        "currency": "USD",
                        "stock": "10",
                        "is_active": "on",
                    }
                ],
                initial=1,
            ),
            "images": inline_formset(
                [
                    {"image": green.pk, "alt_text": "Aurora 14 in green", "option_value": "Green"},
                    {"image": black.pk, "alt_text": "Aurora 14 in black", "option_value": "Black"},
                ]
            ),
        }
    )
    response = team_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    # Then the gallery keeps their order and colours
    saved = list(
        ProductImage.objects.filter(product=product)
        .order_by("sort_order")
        .values_list("image_id", "option_value")
    )
    assert saved == [(green.pk, "Green"), (black.pk, "Black")]
