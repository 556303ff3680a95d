from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from store.actions.cart import add_to_cart
from store.actions.reservations import release_expired_reservations
from store.errors import StoreError
from store.models import Order, StockReservation
from tests.store.factories import VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]


def test_only_lapsed_pending_orders_are_released(member):
    variant = VariantFactory(stock=5)
    lapsed = place_test_order(user=member, variant=variant, quantity=2)
    fresh = place_test_order(user=member, variant=variant, quantity=1)
    Order.objects.filter(pk=lapsed.pk).update(reserved_until=timezone.now() - timedelta(minutes=1))

    assert release_expired_reservations() == 1
    assert release_expired_reservations() == 0  # twice changes nothing

    lapsed.refresh_from_db()
    fresh.refresh_from_db()
    variant.refresh_from_db()
    assert lapsed.status == Order.Status.CANCELLED and fresh.status == Order.Status.PENDING
    assert variant.stock == 4
    assert StockReservation.objects.get(order=lapsed).status == StockReservation.Status.RELEASED


def test_command_reports_what_it_released(member):
    order = place_test_order(user=member, variant=VariantFactory())
    Order.objects.filter(pk=order.pk).update(reserved_until=timezone.now() - timedelta(minutes=1))
    out = StringIO()
    call_command("release_expired_reservations", stdout=out)
    assert "Released 1 expired reservation" in out.getvalue()


def test_adding_to_the_cart_releases_lapsed_holds_of_that_product_only(member, other_member):
    phone, case = VariantFactory(stock=1), VariantFactory(stock=1)
    phone_other_colour = VariantFactory(product=phone.product, stock=1)
    stale_phone = place_test_order(user=member, variant=phone_other_colour)
    stale_case = place_test_order(user=member, variant=case)
    Order.objects.filter(pk__in=[stale_phone.pk, stale_case.pk]).update(
        reserved_until=timezone.now() - timedelta(minutes=1)
    )

    add_to_cart(user=other_member, session={}, variant_id=phone.pk, quantity=1)

    stale_phone.refresh_from_db()
    stale_case.refresh_from_db()
    # Same product (a drop's allowance is per product): released; another product: left to the sweep.
    assert stale_phone.status == Order.Status.CANCELLED
    assert stale_case.status == Order.Status.PENDING
    case.refresh_from_db()
    assert case.stock == 0

    assert release_expired_reservations() == 1  # the store-wide sweep (command, task) takes the rest
    case.refresh_from_db()
    assert case.stock == 1


def test_adding_an_unknown_variant_releases_nothing(member):
    stale = place_test_order(user=member, variant=VariantFactory())
    Order.objects.filter(pk=stale.pk).update(reserved_until=timezone.now() - timedelta(minutes=1))
    with pytest.raises(StoreError):
        add_to_cart(user=member, session={}, variant_id="99999999999999999999", quantity=1)
    stale.refresh_from_db()
    assert stale.status == Order.Status.PENDING
