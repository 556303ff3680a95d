"""store/actions/fulfilment.py: paid orders move forward only (packed, shipped, delivered), by the team,
once: a second click changes nothing and sends no second mail."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from store.actions.fulfilment import (
    mark_order_delivered,
    mark_order_packed,
    mark_order_shipped,
    move_orders,
)
from store.actions.payments import settle_demo_payment
from store.actions.refunds import refund_order
from store.errors import StoreError
from store.models import Order, OrderEvent
from tests.factories import make_team_member
from tests.store.factories import VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]
F = Order.Fulfilment


@pytest.fixture
def mira(db):
    """The product team's role: in the team group, not staff, not a superuser."""
    user = make_team_member()
    return user


@pytest.fixture
def paid_order(member):
    order = place_test_order(user=member, variant=VariantFactory(price_minor=5000), email="leo@example.com")
    settle_demo_payment(order=order, succeed=True)
    mail.outbox.clear()
    return order


def _fulfilment(order) -> str:
    order.refresh_from_db()
    return order.fulfilment_status


def test_the_team_packs_ships_and_delivers_each_step_an_event(
    mira, paid_order, django_capture_on_commit_callbacks
):
    # Given a paid order
    # When the team packs, ships and delivers it
    with django_capture_on_commit_callbacks(execute=True):
        assert mark_order_packed(order_id=paid_order.pk, actor=mira) is True
        assert mark_order_shipped(
            order_id=paid_order.pk, actor=mira, carrier=" dhl  express ", tracking_number=" 1234 567890 "
        )
        assert mark_order_delivered(order_id=paid_order.pk, actor=mira) is True
    # Then the parcel moved and the payment did not
    paid_order.refresh_from_db()
    assert (paid_order.fulfilment_status, paid_order.status) == (F.DELIVERED, Order.Status.PAID)
    assert (paid_order.carrier, paid_order.tracking_number) == ("DHL Express", "1234 567890")
    events = list(
        OrderEvent.objects.filter(order=paid_order, kind__in=["packed", "shipped", "delivered"]).order_by(
            "id"
        )
    )
    assert [(e.kind, e.actor, e.data["from"]) for e in events] == [
        ("packed", mira, F.UNFULFILLED),
        ("shipped", mira, F.PACKED),
        ("delivered", mira, F.SHIPPED),
    ]
    assert events[1].data["carrier"] == "DHL Express" and events[1].data["tracking_number"] == "1234 567890"
    # and the buyer got one mail: the shipping one
    assert [m.subject for m in mail.outbox] == [f"Order {paid_order.number} is on its way"]


def test_shipping_an_unpacked_order_is_allowed(mira, paid_order):
    assert mark_order_shipped(order_id=paid_order.pk, actor=mira, carrier="UPS", tracking_number="1Z1")
    assert _fulfilment(paid_order) == F.SHIPPED


def test_a_double_click_changes_nothing_the_second_time(mira, paid_order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert mark_order_packed(order_id=paid_order.pk, actor=mira) is True
        assert mark_order_packed(order_id=paid_order.pk, actor=mira) is False
        assert (
            mark_order_shipped(order_id=paid_order.pk, actor=mira, carrier="UPS", tracking_number="1Z9")
            is True
        )
        assert (
            mark_order_shipped(order_id=paid_order.pk, actor=mira, carrier="ups", tracking_number="1Z9")
            is False
        )
        assert mark_order_delivered(order_id=paid_order.pk, actor=mira) is True
        assert mark_order_delivered(order_id=paid_order.pk, actor=mira) is False
    kinds = list(OrderEvent.objects.filter(order=paid_order).values_list("kind", flat=True))
    assert kinds.count("packed") == kinds.count("shipped") == kinds.count("delivered") == 1
    assert len(mail.outbox) == 1  # one shipping mail for two clicks


def test_shipped_again_with_another_number_is_refused(mira, paid_order):
    mark_order_shipped(order_id=paid_order.pk, actor=mira, carrier="UPS", tracking_number="1Z1")
    with pytest.raises(StoreError, match="already shipped with UPS 1Z1"):
        mark_order_shipped(order_id=paid_order.pk, actor=mira, carrier="UPS", tracking_number="1Z2")
    paid_order.refresh_from_db()
    assert paid_order.tracking_number == "1Z1"


@pytest.mark.parametrize(
    ("carrier", "number", "reason"),
    [("", "1Z1", "Name the carrier"), ("UPS", "  ", "tracking number"), ("UPS", "9" * 121, "at most 120")],
)
def test_shipping_needs_a_carrier_and_a_tracking_number(mira, paid_order, carrier, number, reason):
    with pytest.raises(StoreError, match=reason):
        mark_order_shipped(order_id=paid_order.pk, actor=mira, carrier=carrier, tracking_number=number)
    assert _fulfilment(paid_order) == F.UNFULFILLED
    assert not OrderEvent.objects.filter(order=paid_order, kind="shipped").exists()


def test_moves_only_go_forward(mira, paid_order):
    with pytest.raises(StoreError, match="ship it before marking it delivered"):
        mark_order_delivered(order_id=paid_order.pk, actor=mira)
    mark_order_shipped(order_id=paid_order.pk, actor=mira, carrier="UPS", tracking_number="1Z1")
    with pytest.raises(StoreError, match="already shipped: it cannot go back"):
        mark_order_packed(order_id=paid_order.pk, actor=mira)
    mark_order_delivered(order_id=paid_order.pk, actor=mira)
    with pytest.raises(StoreError, match="already delivered"):
        mark_order_shipped(order_id=paid_order.pk, actor=mira, carrier="UPS", tracking_number="1Z2")
    assert _fulfilment(paid_order) == F.DELIVERED


def test_an_unpaid_order_cannot_be_packed(mira, member):
    pending = place_test_order(user=member, variant=VariantFactory())
    with pytest.raises(StoreError, match="awaiting payment: it cannot be packed"):
        mark_order_packed(order_id=pending.pk, actor=mira)
    with pytest.raises(StoreError, match="awaiting payment: it cannot be shipped"):
        mark_order_shipped(order_id=pending.pk, actor=mira, carrier="UPS", tracking_number="1Z1")
    assert _fulfilment(pending) == F.UNFULFILLED


def test_a_refunded_order_cannot_be_shipped_but_a_partly_refunded_one_can(
    mira, paid_order, member, django_capture_on_commit_callbacks
):
    refund_order(order_id=paid_order.pk, actor=mira, amount_minor=paid_order.total_minor)
    with pytest.raises(StoreError, match="is refunded: it cannot be shipped"):
        mark_order_shipped(order_id=paid_order.pk, actor=mira, carrier="UPS", tracking_number="1Z1")
    assert _fulfilment(paid_order) == F.UNFULFILLED

    partly = place_test_order(user=member, variant=VariantFactory(price_minor=5000))
    settle_demo_payment(order=partly, succeed=True)
    refund_order(order_id=partly.pk, actor=mira, amount_minor=100)
    assert mark_order_shipped(order_id=partly.pk, actor=mira, carrier="UPS", tracking_number="1Z1")


def test_members_cannot_move_parcels(member, paid_order):
    for move in (
        lambda: mark_order_packed(order_id=paid_order.pk, actor=member),
        lambda: mark_order_shipped(order_id=paid_order.pk, actor=member, carrier="UPS", tracking_number="1"),
        lambda: mark_order_delivered(order_id=paid_order.pk, actor=member),
        lambda: move_orders(actor=member, order_ids=[paid_order.pk], to=F.PACKED),
    ):
        with pytest.raises(PermissionDenied):
            move()
    assert _fulfilment(paid_order) == F.UNFULFILLED


def test_the_shipping_mail_waits_for_the_commit(mira, paid_order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mark_order_shipped(order_id=paid_order.pk, actor=mira, carrier="UPS", tracking_number="1Z1")
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_a_bulk_move_reports_each_order(mira, paid_order, member, django_capture_on_commit_callbacks):
    # Given a paid order, a second one already shipped and an unpaid one
    shipped = place_test_order(user=member, variant=VariantFactory())
    settle_demo_payment(order=shipped, succeed=True)
    mark_order_shipped(order_id=shipped.pk, actor=mira, carrier="FedEx", tracking_number="77")
    pending = place_test_order(user=member, variant=VariantFactory())
    mail.outbox.clear()
    # When the team ships all three with one carrier and each row's number (the pending one has none)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = move_orders(
            actor=mira,
            order_ids=[paid_order.pk, shipped.pk, pending.pk, 987654],
            to=F.SHIPPED,
            carrier="FedEx",
            tracking_numbers={paid_order.pk: "11", shipped.pk: "77"},
        )
    # Then each is reported: moved, already there, refused with its reason (an unknown id is ignored)
    assert outcome.moved == [paid_order.number] and outcome.unchanged == [shipped.number]
    assert outcome.refused == [(pending.number, "Enter the tracking number.")]
    assert len(mail.outbox) == 1 and paid_order.number in mail.outbox[0].subject
