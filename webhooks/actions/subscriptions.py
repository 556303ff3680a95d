"""The team's verbs on subscriptions: subscribe a URL to events, change it, rotate its secret, pause,
resume and delete it. The secret is returned once (creation, rotation) to be shown once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from community.events import Event
from webhooks import conf
from webhooks.actions.deliveries import pause
from webhooks.http import RefusedURL, check_url
from webhooks.models import Subscription
from webhooks.permissions import can_manage_webhooks, check_manage_webhooks
from webhooks.signing import new_secret

MAX_URL_LENGTH = 500


def clean_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        raise ValidationError("Enter the URL that receives the deliveries.")
    if len(url) > MAX_URL_LENGTH:
        raise ValidationError(f"Keep the URL under {MAX_URL_LENGTH} characters.")
    try:
        check_url(url)
    except RefusedURL as exc:
        raise ValidationError(str(exc)) from exc
    return url


def clean_events(events) -> list[str]:
    chosen = set(events or [])
    unknown = sorted(str(name) for name in chosen - {event.value for event in Event})
    if unknown:
        raise ValidationError(f"Unknown events: {', '.join(unknown)}.")
    if not chosen:
        raise ValidationError("Pick at least one event.")
    return [event.value for event in Event if event.value in chosen]


def clean_description(description: str) -> str:
    description = (description or "").strip()
    if len(description) > 200:
        raise ValidationError("Keep the description under 200 characters.")
    return description


@transaction.atomic
def create_subscription(*, actor, url: str, events, description: str = "") -> tuple[Subscription, str]:
    """Subscribe ``url``; ``actor`` owns it (payloads follow what they may read). Returns the
    subscription and its signing secret (to show once)."""
    check_manage_webhooks(actor)
    now = timezone.now()
    secret = new_secret()
    subscription = Subscription.objects.create(
        owner=actor,
        url=clean_url(url),
        events=clean_events(events),
        description=clean_description(description),
        secret=secret,
        created_at=now,
        updated_at=now,
    )
    return subscription, secret


@transaction.atomic
def update_subscription(
    *, actor, subscription: Subscription, url: str, events, description: str = ""
) -> Subscription:
    check_manage_webhooks(actor)
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    subscription.url = clean_url(url)
    subscription.events = clean_events(events)
    subscription.description = clean_description(description)
    subscription.updated_at = timezone.now()
    subscription.save(update_fields=["url", "events", "description", "updated_at"])
    return subscription


@transaction.atomic
def rotate_secret(*, actor, subscription: Subscription) -> tuple[Subscription, str]:
    """A new secret signs from now on; the old one also signs for ``conf.secret_overlap()`` (each
    delivery then carries both signatures), so the receiver can switch without refusing one."""
    check_manage_webhooks(actor)
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    now = timezone.now()
    secret = new_secret()
    subscription.previous_secret = subscription.secret
    subscription.previous_secret_until = now + conf.secret_overlap()
    subscription.secret = secret
    subscription.updated_at = now
    subscription.save(update_fields=["secret", "previous_secret", "previous_secret_until", "updated_at"])
    return subscription, secret


@transaction.atomic
def pause_subscription(*, actor, subscription: Subscription) -> Subscription:
    check_manage_webhooks(actor)
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if not subscription.is_paused:
        pause(
            subscription=subscription,
            reason=f"Paused by {actor.public_name}.",
            now=timezone.now(),
            actor=actor,
        )
    return subscription


@transaction.atomic
def resume_subscription(*, actor, subscription: Subscription) -> Subscription:
    """Deliveries start again with the next event (the failures so far are forgotten). A subscription
    whose owner left the team becomes the resuming person's."""
    check_manage_webhooks(actor)
    subscription = Subscription.objects.select_for_update().select_related("owner").get(pk=subscription.pk)
    if not can_manage_webhooks(subscription.owner):
        subscription.owner = actor
    subscription.is_paused = False
    subscription.paused_at = None
    subscription.paused_reason = ""
    subscription.failing_since = None
    subscription.updated_at = timezone.now()
    subscription.save(
        update_fields=["owner", "is_paused", "paused_at", "paused_reason", "failing_since", "updated_at"]
    )
    return subscription


@transaction.atomic
def delete_subscription(*, actor, subscription: Subscription) -> None:
    """Remove a subscription with its delivery log (a setting, not content people wrote)."""
    check_manage_webhooks(actor)
    Subscription.objects.filter(pk=subscription.pk).delete()
