"""Migration 0008: SHIPPED and COMPLETED leave the payment statuses; the parcel keeps its state (data part)."""

import importlib

import pytest
from django.apps import apps

from store.models import Order, OrderEvent
from tests.store.factories import VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]

migration = importlib.import_module("store.migrations.0008_order_fulfilment")


def test_shipped_and_completed_orders_become_paid_with_their_fulfilment(member):
    # Given orders as the old pipeline left them: shipped, completed, shipped then partly refunded, paid
    orders = {name: place_test_order(user=member, variant=VariantFactory()) for name in ["s", "c", "r", "p"]}
    for name, status in [("s", "SHIPPED"), ("c", "COMPLETED"), ("r", "PARTIALLY_REFUNDED"), ("p", "PAID")]:
        Order.objects.filter(pk=orders[name].pk).update(status=status)
    for name, kinds in [("s", ["shipped"]), ("c", ["shipped", "completed"]), ("r", ["shipped"])]:
        for kind in kinds:
            OrderEvent.objects.create(order=orders[name], kind=kind)

    migration.split_fulfilment_from_payment(apps, None)

    stored = {
        pk: (status, fulfilment)
        for pk, status, fulfilment in Order.objects.values_list("pk", "status", "fulfilment_status")
    }
    assert stored[orders["s"].pk] == ("PAID", "SHIPPED")
    assert stored[orders["c"].pk] == ("PAID", "DELIVERED")
    assert stored[orders["r"].pk] == ("PARTIALLY_REFUNDED", "SHIPPED")
    assert stored[orders["p"].pk] == ("PAID", "UNFULFILLED")
