from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from store.actions.reservations import release_expired_reservations
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
