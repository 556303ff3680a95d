"""Webhook tasks: keyword arguments of ids, safe to run twice (each re-reads its rows and acts only
when the state still calls for it)."""

from django_tasks import task


@task()
def fan_out(*, event: str, ids: dict) -> int:
    """Make the deliveries of one event (one per subscription whose owner may read it) and send them."""
    from webhooks.actions.deliveries import create_deliveries

    return len(create_deliveries(event=event, ids=ids))


@task()
def send_delivery(*, delivery_id: int, scheduled_number: int) -> bool:
    """Make the ``scheduled_number``-th attempt of a delivery if it is still due."""
    from webhooks.actions.deliveries import attempt_scheduled

    return attempt_scheduled(delivery_id=delivery_id, scheduled_number=scheduled_number) is not None


@task()
def send_due_deliveries() -> int:
    """Every attempt that is due (the schedule's safety net; the only scheduler where the task backend
    cannot defer tasks): see the send_due_webhooks command."""
    from webhooks.actions.deliveries import send_due

    return send_due()


@task()
def replay_delivery(*, delivery_id: int) -> bool:
    """Send a delivery again, as the team asked (once per request: the request is cleared on claim)."""
    from webhooks.actions.deliveries import attempt_replay

    return attempt_replay(delivery_id=delivery_id) is not None
