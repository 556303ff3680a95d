"""The team's store pages in the Wagtail admin."""

import pytest
from django.urls import reverse

from store.actions.payments import settle_demo_payment
from store.models import Drop, Order
from tests.factories import UserFactory, make_team_member
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
    team_client.post(url, {"action": "ship", "ship-carrier": "ups", "ship-tracking_number": "TRACK-1"})
    paid_order.refresh_from_db()
    assert paid_order.fulfilment_status == Order.Fulfilment.SHIPPED and paid_order.status == Order.Status.PAID
    assert (paid_order.carrier, paid_order.tracking_number) == ("UPS", "TRACK-1")

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
        reverse("store_orders:edit", args=[paid_order.pk]),
        {"action": "ship", "ship-carrier": "UPS", "ship-tracking_number": "X"},
    )
    assert response.status_code in (302, 403)
    paid_order.refresh_from_db()
    assert paid_order.fulfilment_status == Order.Fulfilment.UNFULFILLED


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


# --- Shipments: the team moves paid orders in bulk (store.admin_views.shipments) -------------------


@pytest.fixture
def mira(db):
    """The product team's role: in the team group, not staff, not a superuser."""


    user = make_team_member()
    return user


def _paid(member, **kwargs):
    order = place_test_order(user=member, variant=VariantFactory(), **kwargs)
    settle_demo_payment(order=order, succeed=True)
    return order


def test_mira_ships_ticked_orders_with_their_own_tracking_numbers(
    client, mira, member, django_capture_on_commit_callbacks
):
    from django.core import mail

    # Given two paid orders, one unpaid order (not listed) and mira, the team's role
    first, second = _paid(member), _paid(member)
    pending = place_test_order(user=member, variant=VariantFactory())
    client.force_login(mira)
    url = reverse("store_shipments:index")
    html = client.get(url).content.decode()
    assert first.number in html and second.number in html and pending.number not in html
    mail.outbox.clear()
    # When she ticks both and marks them shipped with DHL Express
    data = {
        "orders": [first.pk, second.pk],
        "move": "SHIPPED",
        "carrier": "DHL Express",
        f"tracking-{first.pk}": "JD1",
        f"tracking-{second.pk}": "JD2",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}?state=UNFULFILLED", data, follow=True)
    # Then both are shipped with their numbers, each buyer mailed once, and the list says so
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.fulfilment_status, first.carrier, first.tracking_number) == (
        "SHIPPED",
        "DHL Express",
        "JD1",
    )
    assert second.tracking_number == "JD2" and len(mail.outbox) == 2
    assert "2 orders marked shipped" in response.content.decode()
    # and a second submit (a double click) moves nothing and mails no one
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}?state=UNFULFILLED", data, follow=True)
    assert "Already shipped" in response.content.decode() and len(mail.outbox) == 2
    # The shipped tab lists them with the carrier's tracking link
    html = client.get(url, {"state": "SHIPPED"}).content.decode()
    assert "https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD1" in html


def test_bulk_packing_then_delivering_before_shipping_is_refused_by_order(client, mira, member):
    order = _paid(member)
    client.force_login(mira)
    url = reverse("store_shipments:index")
    client.post(url, {"orders": [order.pk], "move": "PACKED"})
    order.refresh_from_db()
    assert order.fulfilment_status == Order.Fulfilment.PACKED
    response = client.post(url, {"orders": [order.pk], "move": "DELIVERED"}, follow=True)
    assert response.status_code == 200
    assert f"{order.number}: Order {order.number} is packed: ship it before marking it delivered." in (
        response.content.decode()
    )
    order.refresh_from_db()
    assert order.fulfilment_status == Order.Fulfilment.PACKED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"move": "SHIPPED", "carrier": ""}, "Name the carrier to mark orders shipped."),
        ({"move": "PACKED", "orders": []}, "Tick at least one order."),
        ({"move": "LOST"}, "Choose what to mark."),
        ({"move": "PACKED", "orders": ["abc"]}, "no longer on this list"),
    ],
)
def test_a_bad_bulk_form_says_why_and_moves_nothing(client, mira, member, data, message):
    order = _paid(member)
    client.force_login(mira)
    data = {"orders": [order.pk], **data}
    response = client.post(reverse("store_shipments:index"), data)
    assert response.status_code == 200 and message in response.content.decode()
    order.refresh_from_db()
    assert order.fulfilment_status == Order.Fulfilment.UNFULFILLED


def test_mira_ships_one_order_from_its_page(client, mira, member):
    order = _paid(member)
    client.force_login(mira)
    url = reverse("store_orders:edit", args=[order.pk])
    client.post(url, {"action": "pack"})
    response = client.post(url, {"action": "ship", "ship-carrier": "", "ship-tracking_number": "1"})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    client.post(url, {"action": "ship", "ship-carrier": "FedEx", "ship-tracking_number": "7788"})
    response = client.post(url, {"action": "deliver"}, follow=True)
    order.refresh_from_db()
    assert order.fulfilment_status == Order.Fulfilment.DELIVERED and order.carrier == "FedEx"
    assert f"Order {order.number} marked delivered." in response.content.decode()
    response = client.post(url, {"action": "pack"}, follow=True)  # going back: refused with the reason
    assert "is already delivered: it cannot go back" in response.content.decode()


def test_a_member_cannot_reach_the_shipments_list(client, member):
    order = _paid(member)
    client.force_login(member)
    url = reverse("store_shipments:index")
    assert client.get(url).status_code == 302  # Wagtail sends people without admin access to its login
    response = client.post(
        url, {"orders": [order.pk], "move": "PACKED"}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.fulfilment_status == Order.Fulfilment.UNFULFILLED


def test_an_editor_without_the_store_permission_is_refused(client, member):
    from django.contrib.auth.models import Permission

    order = _paid(member)
    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    url = reverse("store_shipments:index")
    assert client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403
    response = client.post(url, {"orders": [order.pk], "move": "PACKED"}, follow=True)
    assert "do not have permission" in response.content.decode()
    order.refresh_from_db()
    assert order.fulfilment_status == Order.Fulfilment.UNFULFILLED
    # and the Store menu does not offer the list
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
