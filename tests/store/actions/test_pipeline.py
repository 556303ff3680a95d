import pytest

from store.actions.pipeline import ALLOWED_TRANSITIONS, TransitionNotAllowed, transition
from store.models import Order, OrderEvent
from tests.store.factories import VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]
S = Order.Status


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.PENDING, S.PARTIALLY_REFUNDED),
        (S.PENDING, S.REFUNDED),
        (S.CANCELLED, S.PAID),
        (S.REFUNDED, S.PAID),
        (S.PARTIALLY_REFUNDED, S.PENDING),
        (S.PAID, S.PENDING),
    ],
)
def test_moves_outside_the_pipeline_are_refused(member, start, target):
    order = place_test_order(user=member, variant=VariantFactory())
    Order.objects.filter(pk=order.pk).update(status=start)
    order.refresh_from_db()
    with pytest.raises(TransitionNotAllowed):
        transition(order=order, to_status=target, kind="test")
    order.refresh_from_db()
    assert order.status == start


def test_an_allowed_move_records_an_event(member):
    order = place_test_order(user=member, variant=VariantFactory())
    transition(order=order, to_status=S.PAID, kind="paid", actor=member, message="ok")
    event = OrderEvent.objects.get(order=order, kind="paid")
    assert (event.from_status, event.to_status, event.actor) == (S.PENDING, S.PAID, member)


def test_final_states_have_no_way_out():
    assert ALLOWED_TRANSITIONS[S.CANCELLED] == frozenset()
    assert ALLOWED_TRANSITIONS[S.REFUNDED] == frozenset()
    assert set(ALLOWED_TRANSITIONS) == set(S.values)
