"""community.events: actions announce what happened; receivers hear it after the commit, only then."""

import pytest
from django.db import transaction

from community import hooks
from community.events import Event, announce


@pytest.fixture
def heard():
    calls = []

    def receiver(**kwargs):
        calls.append(kwargs)

    hooks.register(hooks.Hook.EVENTS_HAPPENED, receiver)
    yield calls
    hooks.unregister(hooks.Hook.EVENTS_HAPPENED, receiver)


@pytest.mark.django_db
def test_receivers_hear_an_event_only_after_the_commit(heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        announce(Event.THREAD_STARTED, thread_id=7)
        assert heard == []  # not yet: the transaction is still open
    assert heard == [{"event": Event.THREAD_STARTED, "thread_id": 7}]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_action_announces_nothing(heard):
    with pytest.raises(RuntimeError), transaction.atomic():
        announce("order.paid", order_id=1)
        raise RuntimeError("the action failed")
    assert heard == []


@pytest.mark.django_db
def test_a_failing_receiver_is_logged_and_the_others_still_hear(
    heard, caplog, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise ValueError("boom")

    hooks.register(hooks.Hook.EVENTS_HAPPENED, broken, order=-1)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            announce(Event.ORDER_PAID, order_id=3)
    finally:
        hooks.unregister(hooks.Hook.EVENTS_HAPPENED, broken)
    assert heard == [{"event": Event.ORDER_PAID, "order_id": 3}]
    assert "failed for event order.paid" in caplog.text


def test_an_unknown_event_name_is_refused():
    with pytest.raises(ValueError):
        announce("thread.startd", thread_id=1)
