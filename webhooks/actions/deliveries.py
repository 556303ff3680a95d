"""Deliveries: made after an event's commit, one per subscription whose owner may read it; sent by the
task worker; retried along ``conf.retry_schedule()``; a subscription that has failed for a day is
paused and the team told.

Every attempt is claimed before it is sent: in one short transaction the delivery's row is locked, the
claim checked (still pending, this attempt still due) and an ``Attempt`` row written (one per
(delivery, number), a unique constraint). The HTTP request then runs with no transaction open and no
row locked, and its outcome is written in a second transaction. So a task run twice, or a task and the
``send_due_webhooks`` sweep at once, send an attempt once; an attempt whose worker died is finished by
the sweep as failed once ``conf.stale_attempt()`` has passed, and the delivery goes on."""

import json
import logging
import uuid
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from community.events import Event
from community.models import User
from community.notifications.actions import notify
from community.notifications.models import NotificationKind
from community.teams import team_group_name
from webhooks import conf, http, payloads
from webhooks.models import Attempt, Delivery, Subscription
from webhooks.permissions import can_manage_webhooks, check_manage_webhooks
from webhooks.signing import signed_headers

S = Delivery.Status
logger = logging.getLogger(__name__)


def new_webhook_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def _queue(delivery_id: int, scheduled_number: int, at: datetime) -> None:
    """After the commit, hand the attempt to the task worker: at once when it is due, deferred to its
    time where the backend can defer (database, Redis). Elsewhere (the immediate backend) the
    ``send_due_webhooks`` sweep sends it when due."""

    def enqueue() -> None:
        from webhooks.tasks import send_delivery

        if at <= timezone.now():
            send_delivery.enqueue(delivery_id=delivery_id, scheduled_number=scheduled_number)
        elif send_delivery.get_backend().supports_defer:
            send_delivery.using(run_after=at).enqueue(
                delivery_id=delivery_id, scheduled_number=scheduled_number
            )

    transaction.on_commit(enqueue)


# --- Making deliveries -----------------------------------------------------------------------------


def encode(*, event: Event, data: dict, at: datetime) -> str:
    """The body: the Standard Webhooks payload shape (type, timestamp, data), as compact JSON."""
    payload = {"type": event.value, "timestamp": at.isoformat(), "data": data}
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=False)


@transaction.atomic
def create_deliveries(*, event: str, ids: dict, now: datetime | None = None) -> list[Delivery]:
    """One delivery of ``event`` for each active subscription to it whose owner may read what it is
    about (webhooks.payloads); each is queued for its first attempt after the commit."""
    event = Event(event)
    now = now or timezone.now()
    made = []
    subscriptions = Subscription.objects.filter(is_paused=False).select_related("owner").order_by("pk")
    for subscription in subscriptions:
        if event.value not in subscription.events:
            continue
        if not can_manage_webhooks(subscription.owner):
            pause(subscription=subscription, reason=owner_gone_reason(subscription), now=now)
            continue
        built = payloads.build(event, subscription.owner, **ids)
        if built is None:
            continue
        subject, data = built
        delivery = Delivery.objects.create(
            subscription=subscription,
            webhook_id=new_webhook_id(),
            event=event.value,
            subject=subject,
            body=encode(event=event, data=data, at=now),
            ids=ids,
            status=S.PENDING,
            next_attempt_at=now,
            created_at=now,
        )
        _queue(delivery.pk, 1, now)
        made.append(delivery)
    return made


# --- Pausing ---------------------------------------------------------------------------------------


def owner_gone_reason(subscription: Subscription) -> str:
    return f"Its owner ({subscription.owner.username}) no longer manages webhooks; resume it to take it over."


def pause(*, subscription: Subscription, reason: str, now: datetime, actor=None) -> None:
    """Stop deliveries to a subscription: nothing new is made for it and its waiting retries end (the
    team can replay them from the log). Without an actor (the system paused it) the team is told."""
    Subscription.objects.filter(pk=subscription.pk).update(
        is_paused=True, paused_at=now, paused_reason=reason[:300], updated_at=now
    )
    subscription.is_paused, subscription.paused_at, subscription.paused_reason = True, now, reason[:300]
    Delivery.objects.filter(subscription_id=subscription.pk, status=S.PENDING).update(
        status=S.FAILED, next_attempt_at=None, last_error="Not sent: the subscription was paused."
    )
    if actor is None:
        team = set(
            User.objects.filter(groups__name=team_group_name(), is_active=True).values_list("pk", flat=True)
        )
        notify(
            recipient_ids=team | {subscription.owner_id},
            kind=NotificationKind.TEAM,
            text=f"The webhook to {subscription.url} was paused: {reason}"[:300],
            url=reverse("webhooks_admin:subscription", args=[subscription.pk]),
        )


# --- Withholding ----------------------------------------------------------------------------------


def withheld_reason(delivery: Delivery) -> str:
    """Why ``delivery`` may not be sent now, or "": its payload was built for what the owner could read
    when the event happened; by the time an attempt is made (a retry a day later, a replay) the thread
    may have moved to a private board, or the owner lost the rights that let them read it. Deliveries
    made before the event's ids were kept (``ids`` empty) are sent as they are."""
    if not delivery.ids:
        return ""
    sent = json.loads(delivery.body).get("data", {})
    if payloads.readable_now(delivery.event, delivery.subscription.owner, delivery.ids, sent):
        return ""
    return (
        f"Withheld: {delivery.subscription.owner.username} may no longer read what it is about "
        f"({delivery.subject})."
    )


def withhold(*, delivery: Delivery, reason: str, trigger: str) -> None:
    """Mark a delivery withheld instead of sending it (no attempt is made; its retries end). The team
    can replay it from the log: the check runs again then."""
    Delivery.objects.filter(pk=delivery.pk).update(
        status=S.WITHHELD, next_attempt_at=None, last_error=reason[:300], replay_requested_at=None
    )
    delivery.status, delivery.next_attempt_at, delivery.last_error = S.WITHHELD, None, reason[:300]
    logger.warning(
        "webhook delivery %s (%s, %s) withheld on a %s attempt: %s",
        delivery.webhook_id,
        delivery.event,
        delivery.subscription.url,
        trigger.lower(),
        reason,
    )


# --- Attempts --------------------------------------------------------------------------------------


def _claim(
    *, delivery_id: int, now: datetime, trigger: str, scheduled_number: int | None = None
) -> Attempt | None:
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("subscription__owner")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return None
        subscription = delivery.subscription
        if trigger == Attempt.Trigger.SCHEDULED:
            due = (
                delivery.status == S.PENDING
                and delivery.scheduled_attempts == scheduled_number - 1
                and delivery.next_attempt_at is not None
                and delivery.next_attempt_at <= now
                and not subscription.is_paused
            )
            fields = {"scheduled_attempts": F("scheduled_attempts") + 1}
            if scheduled_number == 1:
                fields["first_attempt_at"] = now
        else:
            due = delivery.status != S.SENDING and delivery.replay_requested_at is not None
            fields = {"replay_requested_at": None}
        if not due:
            return None
        if not can_manage_webhooks(subscription.owner):
            if not subscription.is_paused:
                pause(subscription=subscription, reason=owner_gone_reason(subscription), now=now)
            Delivery.objects.filter(pk=delivery.pk).update(replay_requested_at=None)
            return None
        reason = withheld_reason(delivery)
        if reason:
            withhold(delivery=delivery, reason=reason, trigger=trigger)
            return None
        number = delivery.attempt_count + 1
        Delivery.objects.filter(pk=delivery.pk).update(
            status=S.SENDING, attempt_count=number, last_attempt_at=now, **fields
        )
        actor_id = delivery.replay_requested_by_id if trigger == Attempt.Trigger.REPLAY else None
        attempt = Attempt.objects.create(
            delivery=delivery, number=number, trigger=trigger, actor_id=actor_id, started_at=now
        )
    attempt.delivery = delivery
    return attempt


def _after_failure(delivery: Delivery, attempt: Attempt) -> dict:
    """Where a delivery goes after a failed attempt: its next scheduled attempt, or failed for good."""
    if attempt.trigger == Attempt.Trigger.REPLAY:
        return {"status": S.PENDING if delivery.next_attempt_at else S.FAILED}
    schedule = conf.retry_schedule()
    made = delivery.scheduled_attempts
    if made < len(schedule):
        first = delivery.first_attempt_at or delivery.created_at
        return {"status": S.PENDING, "next_attempt_at": first + schedule[made]}
    return {"status": S.FAILED, "next_attempt_at": None}


def _finish(attempt: Attempt, outcome: http.Outcome, finished_at: datetime) -> Attempt:
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("subscription__owner")
            .get(pk=attempt.delivery_id)
        )
        result = {
            "succeeded": outcome.succeeded,
            "status_code": outcome.status_code,
            "response_ms": outcome.response_ms,
            "error": outcome.error[:300],
            "response_excerpt": outcome.excerpt[:500],
        }
        Attempt.objects.filter(pk=attempt.pk).update(finished_at=finished_at, **result)
        for name, value in result.items():
            setattr(attempt, name, value)
        attempt.finished_at = finished_at
        if delivery.status != S.SENDING or delivery.attempt_count != attempt.number:
            return attempt  # already finished as lost by the sweep: the attempt row keeps what happened
        subscription = Subscription.objects.select_for_update().get(pk=delivery.subscription_id)
        fields = {
            "last_status_code": outcome.status_code,
            "last_response_ms": outcome.response_ms,
            "last_error": outcome.error[:300],
        }
        if outcome.succeeded:
            fields.update(status=S.SUCCEEDED, next_attempt_at=None)
            if subscription.failing_since is not None:
                Subscription.objects.filter(pk=subscription.pk).update(failing_since=None)
        else:
            fields.update(_after_failure(delivery, attempt))
            failing_since = subscription.failing_since or attempt.started_at
            if subscription.failing_since is None:
                Subscription.objects.filter(pk=subscription.pk).update(failing_since=failing_since)
            if not subscription.is_paused and finished_at - failing_since >= conf.pause_after():
                hours = round(conf.pause_after() / timedelta(hours=1))
                pause(
                    subscription=subscription,
                    reason=f"every delivery failed for {hours} hours (last: {outcome.error or 'no answer'})",
                    now=finished_at,
                )
            if subscription.is_paused and fields["status"] == S.PENDING:
                fields.update(status=S.FAILED, next_attempt_at=None)
        Delivery.objects.filter(pk=delivery.pk).update(**fields)
        if fields.get("status") == S.PENDING and attempt.trigger == Attempt.Trigger.SCHEDULED:
            _queue(delivery.pk, delivery.scheduled_attempts + 1, fields["next_attempt_at"])
    return attempt


def _send(attempt: Attempt, now: datetime) -> Attempt:
    delivery = attempt.delivery
    headers = signed_headers(
        subscription=delivery.subscription, webhook_id=delivery.webhook_id, body=delivery.body, at=now
    )
    outcome = http.post(delivery.subscription.url, delivery.body, headers)
    return _finish(attempt, outcome, now + timedelta(milliseconds=outcome.response_ms or 0))


def attempt_scheduled(
    *, delivery_id: int, scheduled_number: int, now: datetime | None = None
) -> Attempt | None:
    """Make a delivery's ``scheduled_number``-th scheduled attempt, if it is still due; returns it, or
    None when there was nothing to do (already made, delivered, paused, not yet due)."""
    now = now or timezone.now()
    attempt = _claim(
        delivery_id=delivery_id, now=now, trigger=Attempt.Trigger.SCHEDULED, scheduled_number=scheduled_number
    )
    return _send(attempt, now) if attempt is not None else None


def attempt_replay(*, delivery_id: int, now: datetime | None = None) -> Attempt | None:
    """Send a delivery again because the team asked (``request_replay``): same webhook-id, same body,
    a fresh timestamp and signature. Runs once per request."""
    now = now or timezone.now()
    attempt = _claim(delivery_id=delivery_id, now=now, trigger=Attempt.Trigger.REPLAY)
    return _send(attempt, now) if attempt is not None else None


@transaction.atomic
def request_replay(*, actor, delivery: Delivery) -> Delivery:
    """The team's "Replay": the task worker sends the delivery again after the commit."""
    check_manage_webhooks(actor)
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status == S.SENDING:
        raise ValidationError("An attempt is under way; replay it once it has finished.")
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(replay_requested_at=now, replay_requested_by=actor)
    delivery.replay_requested_at, delivery.replay_requested_by = now, actor

    def enqueue() -> None:
        from webhooks.tasks import replay_delivery

        replay_delivery.enqueue(delivery_id=delivery.pk)

    transaction.on_commit(enqueue)
    return delivery


# --- The sweep -------------------------------------------------------------------------------------


def finish_lost_attempts(*, now: datetime) -> int:
    """Attempts still sending after ``conf.stale_attempt()`` lost their worker: they failed."""
    lost = Attempt.objects.filter(
        finished_at__isnull=True,
        started_at__lte=now - conf.stale_attempt(),
        delivery__status=S.SENDING,
        number=F("delivery__attempt_count"),
    ).select_related("delivery")
    outcome = http.Outcome(None, None, "The attempt did not finish (its worker stopped).")
    count = 0
    for attempt in lost.order_by("pk"):
        _finish(attempt, outcome, now)
        count += 1
    return count


def send_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Finish lost attempts, then make every scheduled attempt that is due (oldest first). Returns how
    many attempts were made. The ``send_due_webhooks`` command runs it (cron, every minute)."""
    now = now or timezone.now()
    finish_lost_attempts(now=now)
    due = list(
        Delivery.objects.filter(status=S.PENDING, next_attempt_at__lte=now, subscription__is_paused=False)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", "scheduled_attempts")[:limit]
    )
    made = 0
    for pk, scheduled in due:
        if attempt_scheduled(delivery_id=pk, scheduled_number=scheduled + 1, now=now) is not None:
            made += 1
    return made
