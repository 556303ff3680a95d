"""Subscriptions (a URL the team registered for some events), deliveries (one event for one
subscription, with a stable ``webhook-id``) and attempts (one HTTP request each, with its outcome)."""

from django.conf import settings
from django.db import models

from community.events import Event


class Subscription(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A payload never carries what this person could not read.",
    )
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list, help_text="Event names (community.events.Event values).")
    # Standard Webhooks secrets ("whsec_" + base64): kept as they are, since signing needs them.
    secret = models.CharField(max_length=100)
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    is_paused = models.BooleanField(default=False)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_reason = models.CharField(max_length=300, blank=True)
    failing_since = models.DateTimeField(
        null=True, blank=True, help_text="The first failed attempt since the last success."
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["is_paused"])]

    def __str__(self) -> str:
        return self.url

    def event_labels(self) -> list[str]:
        return [event for event in Event if event.value in self.events]


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "PENDING", "Waiting to be sent"
        SENDING = "SENDING", "Sending"
        SUCCEEDED = "SUCCEEDED", "Delivered"
        FAILED = "FAILED", "Failed"
        WITHHELD = "WITHHELD", "Withheld (no longer readable by the owner)"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    webhook_id = models.CharField(max_length=40, unique=True, help_text="The webhook-id header: stable.")
    event = models.CharField(max_length=40)
    subject = models.CharField(max_length=60, help_text="What it is about, e.g. thread:12 or order:3.")
    # The exact bytes sent (text, not JSON: a JSON column may reorder keys, and the signature covers
    # the bytes): every attempt and replay sends the same body under the same webhook-id.
    body = models.TextField()
    ids = models.JSONField(
        default=dict,
        blank=True,
        help_text="The event's ids: each attempt checks again that the owner may read what it is about.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempt_count = models.PositiveSmallIntegerField(default=0)
    scheduled_attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Attempts made along the retry schedule (replays not counted)."
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    first_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="The retry schedule counts from here."
    )
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_response_ms = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    replay_requested_at = models.DateTimeField(null=True, blank=True)
    replay_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["subscription", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.webhook_id}"


class Attempt(models.Model):
    class Trigger(models.TextChoices):
        SCHEDULED = "SCHEDULED", "Scheduled"
        REPLAY = "REPLAY", "Replayed by the team"

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.SCHEDULED)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    response_excerpt = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhooks_attempt_once_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id} #{self.number}"
