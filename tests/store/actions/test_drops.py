import pytest
from django.db import IntegrityError

from store.actions.drops import create_drop, update_drop
from store.models import Drop
from tests.store.factories import DropFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_a_new_drop_starts_with_all_its_units_remaining():
    drop = DropFactory.build(product=ProductFactory(), quantity=30, remaining=0)

    create_drop(drop=drop)

    assert Drop.objects.get(pk=drop.pk).remaining == 30


def test_editing_the_quantity_moves_remaining_and_keeps_units_sold_meanwhile():
    drop = DropFactory(quantity=50, remaining=50)
    Drop.objects.filter(pk=drop.pk).update(remaining=45)  # five sold since the form was opened

    drop.quantity, drop.title = 60, "Launch, second wave"
    update_drop(drop=drop, fields=["title", "quantity", "remaining"], previous_quantity=50)

    drop.refresh_from_db()
    assert (drop.title, drop.quantity, drop.remaining) == ("Launch, second wave", 60, 55)


def test_the_quantity_cannot_drop_below_what_is_already_sold():
    drop = DropFactory(quantity=10, remaining=2)

    drop.quantity = 5
    with pytest.raises(IntegrityError):
        update_drop(drop=drop, fields=["quantity"], previous_quantity=10)
