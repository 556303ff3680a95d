from django.conf import settings
from django.db import models


class NotificationKind(models.TextChoices):
    REPLY = "REPLY", "Replies to your threads and posts"
    MENTION = "MENTION", "Mentions of you"
    QUOTE = "QUOTE", "Quotes of your posts"
    WATCHED = "WATCHED", "New posts in threads and boards you watch"
    VOTES = "VOTES", "Votes passing milestones"
    MODERATION = "MODERATION", "Moderator actions on your content"
    FEEDBACK = "FEEDBACK", "Feedback you follow: status changes, merges, fixes"
    PROGRAMME = "PROGRAMME", "Tester programme decisions"
    BADGE = "BADGE", "Badges you earn"
    TEAM = "TEAM", "Product team alerts (a webhook paused after failing)"


class EmailMode(models.TextChoices):
    OFF = "OFF", "No e-mail"
    IMMEDIATE = "IMMEDIATE", "Right away"
    DAILY = "DAILY", "Daily digest"


DEFAULT_EMAIL_MODES = {
    NotificationKind.REPLY: EmailMode.IMMEDIATE,
    NotificationKind.MENTION: EmailMode.IMMEDIATE,
    NotificationKind.QUOTE: EmailMode.DAILY,
    NotificationKind.WATCHED: EmailMode.DAILY,
    NotificationKind.VOTES: EmailMode.OFF,
    NotificationKind.MODERATION: EmailMode.IMMEDIATE,
    NotificationKind.FEEDBACK: EmailMode.IMMEDIATE,
    NotificationKind.PROGRAMME: EmailMode.IMMEDIATE,
    NotificationKind.BADGE: EmailMode.OFF,
    NotificationKind.TEAM: EmailMode.IMMEDIATE,
}


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def unread_count(self) -> int:
        """Unread notifications the person can still see (what the header badge shows)."""
        from community.notifications.queries import visible

        rows = list(self.unread().order_by("-created_at").values("id", "target_key")[:100])
        return len(visible(self._hints_user(), rows)) if rows else 0

    def _hints_user(self):
        instance = self._hints.get("instance")  # set on a related manager: user.notifications
        return instance


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=300)
    text_follows_actor = models.BooleanField(
        default=False,
        help_text="The text reads after the actor's name, which is read when shown (so a renamed or "
        "deleted account shows as it is now, not as it was).",
    )
    url = models.CharField(max_length=500)
    target_key = models.CharField(
        max_length=80, blank=True, help_text="What it is about, e.g. forum.post:12 (for visibility checks)."
    )
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_mode = models.CharField(max_length=10, choices=EmailMode.choices, default=EmailMode.OFF)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        db_table = "community_notification"
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["email_mode", "emailed_at"]),
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        """What the person reads: the stored text, after the actor's current name when it names them.
        (Select the actor with the rows: the notification centre and the e-mails do.)"""
        if not self.text_follows_actor:
            return self.text
        name = self.actor.public_name if self.actor_id is not None else "Someone"
        return f"{name} {self.text}"


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    email_mode = models.CharField(max_length=10, choices=EmailMode.choices)

    class Meta:
        db_table = "community_notificationpreference"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="community_notificationpref_unique")
        ]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"
