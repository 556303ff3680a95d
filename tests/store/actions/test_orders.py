import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from store.actions.orders import cancel_order_by_buyer
from store.actions.payments import settle_demo_payment
from store.actions.refunds import refund_order
from store.errors import StoreError
from store.models import Order, Refund
from tests.factories import UserFactory
from tests.store.factories import VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]


@pytest.fixture
def team(db):
    return UserFactory(username="mira", is_staff=True, is_superuser=True)


@pytest.fixture
def paid_order(member):
    order = place_test_order(user=member, variant=VariantFactory(price_minor=5000))
    settle_demo_payment(order=order, succeed=True)
    order.refresh_from_db()
    return order


def test_members_cannot_manage_orders(member, paid_order):
    with pytest.raises(PermissionDenied):
        refund_order(order_id=paid_order.pk, actor=member, amount_minor=100)


def test_partial_then_full_refund(team, paid_order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        refund_order(order_id=paid_order.pk, actor=team, amount_minor=1000, reason="Dent")
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.PARTIALLY_REFUNDED
    assert "$10.00" in mail.outbox[-1].body

    refund_order(order_id=paid_order.pk, actor=team, amount_minor=paid_order.refundable_minor)
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.REFUNDED
    assert paid_order.refunded_minor == paid_order.total_minor
    assert Refund.objects.filter(order=paid_order).count() == 2
    with pytest.raises(StoreError, match="cannot be refunded"):
        refund_order(order_id=paid_order.pk, actor=team, amount_minor=1)


@pytest.mark.parametrize("amount", [0, -5])
def test_refund_amount_must_be_positive(team, paid_order, amount):
    with pytest.raises(StoreError, match="above zero"):
        refund_order(order_id=paid_order.pk, actor=team, amount_minor=amount)


def test_pending_orders_cannot_be_refunded(team, member):
    pending = place_test_order(user=member, variant=VariantFactory())
    with pytest.raises(StoreError, match="cannot be refunded"):
        refund_order(order_id=pending.pk, actor=team, amount_minor=100)


def test_only_the_buyer_cancels_and_only_while_pending(member, other_member, paid_order):
    pending = place_test_order(user=member, variant=VariantFactory())
    with pytest.raises(StoreError, match="Only the buyer"):
        cancel_order_by_buyer(order=pending, user=other_member)
    with pytest.raises(StoreError, match="awaiting payment"):
        cancel_order_by_buyer(order=paid_order, user=member)
    assert cancel_order_by_buyer(order=pending, user=member)


def test_paying_awards_the_verified_owner_badge_once(member, django_capture_on_commit_callbacks):
    from community.reputation.api import VERIFIED_OWNER
    from community.reputation.models import BadgeAward
    from store.actions.orders import mark_order_paid

    order = place_test_order(user=member, variant=VariantFactory())
    with django_capture_on_commit_callbacks(execute=True):
        assert BadgeAward.objects.filter(user=member).count() == 0
        assert settle_demo_payment(order=order, succeed=True) is True
    assert list(BadgeAward.objects.filter(user=member).values_list("badge__code", flat=True)) == [
        VERIFIED_OWNER
    ]

    # The payment confirmed again (a replayed webhook) and a second paid order add nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert mark_order_paid(order_id=order.pk, kind="paid") is False
        second = place_test_order(user=member, variant=VariantFactory())
        settle_demo_payment(order=second, succeed=True)
    assert BadgeAward.objects.filter(user=member, badge__code=VERIFIED_OWNER).count() == 1


def test_the_badge_waits_for_commit_and_skips_guests(member, django_capture_on_commit_callbacks):
    from community.reputation.models import BadgeAward

    order = place_test_order(user=member, variant=VariantFactory())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        settle_demo_payment(order=order, succeed=True)
    assert not BadgeAward.objects.exists()  # nothing before the payment commits
    for callback in callbacks:
        callback()
    assert BadgeAward.objects.filter(user=member).count() == 1

    guest_order = place_test_order(user=None, variant=VariantFactory())
    with django_capture_on_commit_callbacks(execute=True):
        settle_demo_payment(order=guest_order, succeed=True)
    assert BadgeAward.objects.count() == 1
