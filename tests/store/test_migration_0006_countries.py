"""Migration 0006: shipping countries typed before the ISO list are normalised (data part)."""

import importlib

import pytest
from django.apps import apps

from store.models import Order, OrderEvent
from tests.store.factories import VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]

migration = importlib.import_module("store.migrations.0006_order_checkout_key_country")


def test_typed_codes_are_normalised_and_unknown_ones_cleared_with_an_event(member):
    orders = {
        typed: place_test_order(user=member, variant=VariantFactory()) for typed in ["de", "UK", "XX", "FR"]
    }
    for typed, order in orders.items():
        Order.objects.filter(pk=order.pk).update(shipping_country=typed)  # as the free-text field kept them

    migration.normalise_countries(apps, None)

    stored = dict(
        Order.objects.filter(pk__in=[o.pk for o in orders.values()]).values_list("pk", "shipping_country")
    )
    assert [stored[orders[typed].pk] for typed in ["de", "UK", "XX", "FR"]] == ["DE", "GB", "", "FR"]
    event = OrderEvent.objects.get(kind="country_cleared")
    assert event.order_id == orders["XX"].pk and event.data == {"shipping_country": "XX"}
    assert "XX" in event.message

    migration.normalise_countries(apps, None)  # running it again changes nothing
    assert OrderEvent.objects.filter(kind="country_cleared").count() == 1
