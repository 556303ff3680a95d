"""Stock never oversells: concurrent buyers on PostgreSQL, each thread with its own connection."""

import re
import threading
from http.cookies import SimpleCookie

import pytest
from django.db import connection
from django.test import Client

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


def test_ten_submissions_of_one_checkout_form_make_one_order(transactional_db):
    """A buyer's browser sends the same checkout form (same CSRF token, same one-time key) ten times at
    once: one order, one stock hold, and every request is sent to that order's payment page."""
    variant = VariantFactory(stock=10)
    browser = Client()
    browser.post("/store/cart/add/", {"variant": variant.pk, "quantity": 1})
    page = browser.get("/store/checkout/").content.decode()  # sets the CSRF cookie the tabs share
    form = {
        "email": "guest@example.com",
        "name": "Guest Buyer",
        "line1": "1 Main St",
        "city": "Springfield",
        "postal_code": "12345",
        "country": "US",
        "expected_total_minor": re.search(r'name="expected_total_minor" value="(\d+)"', page).group(1),
        "checkout_key": re.search(r'name="checkout_key" value="([^"]+)"', page).group(1),
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1),
    }

    def submit(i):
        tab = Client(enforce_csrf_checks=True)
        tab.cookies = SimpleCookie(browser.cookies)
        response = tab.post("/store/checkout/", form)
        return response.status_code, response.headers.get("Location")

    results, errors = run_concurrently(10, submit)

    assert not errors, errors
    order = Order.objects.get()
    assert results == [(302, f"/store/orders/{order.number}/pay/")] * 10
    assert StockReservation.objects.filter(order=order).count() == 1
    assert StockReservation.objects.count() == 1
    assert Variant.objects.get(pk=variant.pk).stock == 9
