"""store/timeline.py: the buyer's timeline is read from the order's events."""

import pytest

from store.actions.fulfilment import mark_order_delivered, mark_order_packed, mark_order_shipped
from store.actions.orders import cancel_order_by_buyer
from store.actions.payments import settle_demo_payment
from store.actions.refunds import refund_order
from store.models import Order, OrderEvent
from store.queries import order_detail
from store.timeline import order_timeline
from tests.factories import make_team_member
from tests.store.factories import VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]


@pytest.fixture
def mira(db):
    user = make_team_member()
    return user


def _states(order) -> list[tuple[str, str]]:
    return [(step.key, step.state) for step in order_timeline(order_detail(number=order.number))]


def test_a_pending_order_waits_for_payment(member):
    order = place_test_order(user=member, variant=VariantFactory())
    steps = order_timeline(order_detail(number=order.number))
    assert [(s.key, s.state) for s in steps] == [
        ("placed", "current"),
        ("paid", "upcoming"),
        ("packed", "upcoming"),
        ("shipped", "upcoming"),
        ("delivered", "upcoming"),
    ]
    assert steps[1].label == "Awaiting payment" and steps[0].at == order.created_at


def test_each_step_is_done_at_its_event_with_the_carrier_link_once_shipped(member, mira):
    order = place_test_order(user=member, variant=VariantFactory())
    settle_demo_payment(order=order, succeed=True)
    assert _states(order)[1] == ("paid", "current")
    mark_order_packed(order_id=order.pk, actor=mira)
    mark_order_shipped(order_id=order.pk, actor=mira, carrier="UPS", tracking_number="1Z42")
    steps = order_timeline(order_detail(number=order.number))
    assert [(s.key, s.state) for s in steps][2:] == [
        ("packed", "done"),
        ("shipped", "current"),
        ("delivered", "upcoming"),
    ]
    shipped = OrderEvent.objects.get(order=order, kind="shipped")
    assert steps[3].at == shipped.created_at
    assert steps[3].detail == "UPS · 1Z42" and steps[3].url == "https://www.ups.com/track?tracknum=1Z42"
    mark_order_delivered(order_id=order.pk, actor=mira)
    assert _states(order)[-1] == ("delivered", "current")


def test_shipped_without_packing_shows_packed_done_without_a_time(member, mira):
    order = place_test_order(user=member, variant=VariantFactory())
    settle_demo_payment(order=order, succeed=True)
    mark_order_shipped(order_id=order.pk, actor=mira, carrier="SF Express", tracking_number="SF1")
    steps = order_timeline(order_detail(number=order.number))
    assert (steps[2].state, steps[2].at) == ("done", None)
    assert steps[3].detail == "SF Express · SF1" and steps[3].url == ""  # an unknown carrier: no link


def test_a_cancelled_or_refunded_order_ends_its_timeline(member, mira):
    cancelled = place_test_order(user=member, variant=VariantFactory())
    cancel_order_by_buyer(order=cancelled, user=member)
    steps = order_timeline(order_detail(number=cancelled.number))
    assert [(s.key, s.state) for s in steps] == [("placed", "done"), ("cancelled", "stopped")]
    assert steps[-1].detail == "Cancelled by the buyer."

    refunded = place_test_order(user=member, variant=VariantFactory())
    settle_demo_payment(order=refunded, succeed=True)
    refund_order(order_id=refunded.pk, actor=mira, amount_minor=refunded.total_minor)
    assert _states(refunded) == [("placed", "done"), ("paid", "done"), ("refunded", "stopped")]


def test_orders_from_before_fulfilment_read_completed_as_delivered(member):
    order = place_test_order(user=member, variant=VariantFactory())
    settle_demo_payment(order=order, succeed=True)
    # An order shipped and completed before fulfilment had its own field (what migration 0008 converts)
    OrderEvent.objects.create(order=order, kind="shipped", data={"tracking_number": "OLD-1"})
    OrderEvent.objects.create(order=order, kind="completed")
    Order.objects.filter(pk=order.pk).update(
        fulfilment_status=Order.Fulfilment.DELIVERED, tracking_number="OLD-1"
    )
    steps = order_timeline(order_detail(number=order.number))
    assert steps[-1].state == "current" and steps[-1].at is not None and steps[3].detail == "OLD-1"
