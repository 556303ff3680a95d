"""Background work through the Django Tasks API. Thin and safe to run twice."""

from django_tasks import task

from store.actions.reservations import release_expired_reservations


@task()
def release_expired_reservations_task() -> int:
    return release_expired_reservations()
