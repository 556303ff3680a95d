"""What happened, announced after the commit: the actions that cause an event name it here, and the
apps above (the outgoing webhooks) receive it through ``Hook.EVENTS_HAPPENED`` without the lower
layers importing them.

An action calls ``announce(Event.THREAD_STARTED, thread_id=thread.pk)`` inside its transaction; once
that transaction commits, every receiver registered under ``Hook.EVENTS_HAPPENED`` is called with
``event=`` and the ids. A rolled-back action announces nothing, and a failing receiver is logged,
never raised into the action that already committed. Events carry ids, not rows: a receiver reads
what it needs (and checks who may read it) itself."""

import logging
from enum import StrEnum

from django.db import transaction

from community import hooks

logger = logging.getLogger(__name__)


class Event(StrEnum):
    """Every event, with the ids it carries. The names are public (webhook subscribers use them)."""

    THREAD_STARTED = "thread.started"  # thread_id
    POST_CREATED = "post.created"  # post_id: a reply (an opening post comes with thread.started)
    FEEDBACK_FILED = "feedback.filed"  # item_id
    FEEDBACK_STATUS_CHANGED = "feedback.status_changed"  # change_id (a StatusChange row)
    FEEDBACK_MERGED = "feedback.merged"  # duplicate_id, survivor_id
    RELEASE_PUBLISHED = "release.published"  # release_id
    ORDER_PAID = "order.paid"  # order_id
    ORDER_REFUNDED = "order.refunded"  # order_id, refund_id


def _deliver(event: Event, ids: dict) -> None:
    for receiver in hooks.get(hooks.Hook.EVENTS_HAPPENED):
        try:
            receiver(event=event, **ids)
        except Exception:  # one receiver's failure must not stop the others (nor the caller)
            logger.exception("receiver %r failed for event %s", receiver, event.value)


def announce(event: Event | str, **ids: int) -> None:
    """Tell the receivers that ``event`` happened, once the current transaction commits."""
    event = Event(event)
    transaction.on_commit(lambda: _deliver(event, ids))
