"""Stock never oversells: concurrent buyers on PostgreSQL, each thread with its own connection."""

import threading

import pytest
from django.db import connection

from store.actions.cart import add_to_cart
from store.actions.checkout import place_order
from store.actions.payments import settle_demo_payment
from store.errors import StoreError
from store.models import Drop, DropEntry, Order, StockReservation, Variant
from tests.factories import UserFactory
from tests.store.factories import ADDRESS, DropFactory, VariantFactory

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("demo_payments")]


def run_concurrently(count: int, target) -> tuple[list, list]:
    """Run ``target(i)`` in ``count`` threads released together; collect results and errors."""
    barrier = threading.Barrier(count)
    results, errors, lock = [], [], threading.Lock()

    def worker(i):
        try:
            barrier.wait(timeout=30)
            outcome = target(i)
            with lock:
                results.append(outcome)
        except Exception as exc:
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results, errors


def test_forty_buyers_ten_units_of_a_drop(transactional_db):
    drop = DropFactory(quantity=10, remaining=10, per_person_limit=1)
    variant = VariantFactory(product=drop.product, stock=10)
    buyers = [UserFactory(username=f"buyer{i}") for i in range(40)]

    def buy(i):
        buyer = buyers[i]
        session: dict = {}
        add_to_cart(user=buyer, session=session, variant_id=variant.pk, quantity=1)
        order = place_order(user=buyer, session=session, email=buyer.email, address=ADDRESS)
        settle_demo_payment(order=order, succeed=True, actor=buyer)
        return order.pk

    results, errors = run_concurrently(40, buy)

    assert len(results) == 10
    assert len(errors) == 30
    assert all(isinstance(error, StoreError) for error in errors), errors
    assert all("sold out" in error.text.lower() for error in errors)
    assert Order.objects.filter(status=Order.Status.PAID).count() == 10
    assert Order.objects.count() == 10
    assert Variant.objects.get(pk=variant.pk).stock == 0
    assert Drop.objects.get(pk=drop.pk).remaining == 0
    assert StockReservation.objects.filter(status=StockReservation.Status.CONSUMED).count() == 10
    assert len(set(Order.objects.values_list("user_id", flat=True))) == 10


def test_one_person_racing_themselves_gets_the_per_person_limit(transactional_db):
    drop = DropFactory(quantity=20, remaining=20, per_person_limit=1)
    variant = VariantFactory(product=drop.product, stock=20)
    buyer = UserFactory(username="racer")
    add_to_cart(user=buyer, session={}, variant_id=variant.pk, quantity=1)

    def buy(i):
        # Ten tabs submit the same cart at once: one order, the rest refused with a message.
        return place_order(user=buyer, session={}, email=buyer.email, address=ADDRESS).pk

    results, errors = run_concurrently(10, buy)

    assert len(results) == 1, errors
    assert all(isinstance(error, StoreError) for error in errors), errors
    assert DropEntry.objects.get(drop=drop, user=buyer).quantity == 1
    assert Variant.objects.get(pk=variant.pk).stock == 19
    assert Drop.objects.get(pk=drop.pk).remaining == 19
