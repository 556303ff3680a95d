from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from store.actions.payments import settle_demo_payment
from store.errors import StoreError
from store.models import Order, OrderEvent, StockReservation
from tests.store.factories import DropFactory, VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.usefixtures("demo_payments")]


def test_demo_success_marks_paid_consumes_stock_and_mails(member, django_capture_on_commit_callbacks):
    variant = VariantFactory(stock=3)
    order = place_test_order(user=member, variant=variant, quantity=2)

    with django_capture_on_commit_callbacks(execute=True):
        assert settle_demo_payment(order=order, succeed=True, actor=member) is True

    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == Order.Status.PAID and order.paid_at is not None
    assert variant.stock == 1
    assert StockReservation.objects.get(order=order).status == StockReservation.Status.CONSUMED
    assert OrderEvent.objects.filter(order=order, kind="paid", to_status="PAID").exists()
    assert len(mail.outbox) == 1
    assert order.number in mail.outbox[0].subject and "no money moved" in mail.outbox[0].body


def test_demo_failure_cancels_and_releases_stock(member):
    variant = VariantFactory(stock=3)
    order = place_test_order(user=member, variant=variant, quantity=2)

    settle_demo_payment(order=order, succeed=False, actor=member)

    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert variant.stock == 3
    assert StockReservation.objects.get(order=order).status == StockReservation.Status.RELEASED
    assert OrderEvent.objects.filter(order=order, kind="payment_failed").exists()


def test_paying_twice_is_refused_and_changes_nothing(member):
    order = place_test_order(user=member, variant=VariantFactory())
    settle_demo_payment(order=order, succeed=True)
    order.refresh_from_db()
    with pytest.raises(StoreError, match="nothing to pay"):
        settle_demo_payment(order=order, succeed=True)
    assert OrderEvent.objects.filter(order=order, to_status="PAID").count() == 1


def test_expired_reservation_cannot_be_paid(member):
    variant = VariantFactory(stock=1)
    order = place_test_order(user=member, variant=variant)
    Order.objects.filter(pk=order.pk).update(reserved_until=timezone.now() - timedelta(seconds=1))
    order.refresh_from_db()

    with pytest.raises(StoreError, match="reservation expired"):
        settle_demo_payment(order=order, succeed=True)

    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and order.paid_at is None
    assert variant.stock == 1


def test_failed_drop_payment_gives_back_the_allowance_and_the_code(member):
    from store.actions.cart import add_to_cart
    from store.actions.checkout import place_order
    from store.models import DropEntry, PurchaseRight
    from tests.store.factories import ADDRESS

    drop = DropFactory(requires_code=True, quantity=5, remaining=5)
    variant = VariantFactory(product=drop.product, stock=5)
    right = PurchaseRight.objects.create(drop=drop, user=member, code="GIVEBACK01")
    session: dict = {}
    add_to_cart(user=member, session=session, variant_id=variant.pk, quantity=1)
    order = place_order(
        user=member, session=session, email="m@example.com", address=ADDRESS, purchase_code="GIVEBACK01"
    )

    settle_demo_payment(order=order, succeed=False)

    drop.refresh_from_db()
    right.refresh_from_db()
    assert drop.remaining == 5
    assert DropEntry.objects.get(drop=drop, user=member).quantity == 0
    assert right.used_at is None and right.order is None


def test_a_stripe_order_is_not_settled_by_the_demo_provider(member, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    order = place_test_order(user=member, variant=VariantFactory())
    assert order.provider == Order.Provider.STRIPE
    with pytest.raises(StoreError, match="Stripe"):
        settle_demo_payment(order=order, succeed=True)
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
