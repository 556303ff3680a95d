"""Background work through the Django Tasks API. Thin and safe to run twice."""

from django_tasks import task

from store.actions.reservations import release_expired_reservations
from store.emails import send_order_email


@task()
def release_expired_reservations_task() -> int:
    return release_expired_reservations()


@task()
def send_order_email_task(*, order_id: int, kind: str) -> bool:
    """One order mail, queued after the commit of the change it reports (store.actions.fulfilment)."""
    return send_order_email(order_id=order_id, kind=kind)
