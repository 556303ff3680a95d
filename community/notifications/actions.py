"""Every change to notifications: create, read, preferences, unsubscribe, digests."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from community.models import User
from community.notifications.badge import forget_people
from community.notifications.models import (
    DEFAULT_EMAIL_MODES,
    EmailMode,
    Notification,
    NotificationKind,
    NotificationPreference,
)


@transaction.atomic
def notify(
    *,
    recipient_ids: Iterable[int],
    kind: str,
    text: str,
    url: str,
    actor: User | None = None,
    target_key: str = "",
    text_follows_actor: bool = False,
) -> list[Notification]:
    """Tell people something happened. The actor is never told about their own action; the caller
    decides who may see the target (notify only people who can read it). With ``text_follows_actor``
    the text is what comes after the actor's name ("replied to your thread …"): the name is read
    when the notification is shown, so it is always the actor's current one."""
    kind = NotificationKind(kind)
    ids = {pk for pk in recipient_ids if pk is not None and (actor is None or pk != actor.pk)}
    if not ids:
        return []
    ids &= set(User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
    prefs = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list("user_id", "email_mode")
    )
    now = timezone.now()
    rows = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=pk,
                kind=kind,
                actor=actor,
                text=text[:300],
                text_follows_actor=text_follows_actor and actor is not None,
                url=url[:500],
                target_key=target_key,
                created_at=now,
                email_mode=prefs.get(pk, DEFAULT_EMAIL_MODES[kind]),
            )
            for pk in sorted(ids)
        ]
    )
    forget_people(*ids)
    immediate = [row.pk for row in rows if row.email_mode == EmailMode.IMMEDIATE]
    if immediate:
        from community.notifications.tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.enqueue(notification_ids=immediate))
    return rows


def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=list(notification_ids))
    forget_people(user.pk)
    return queryset.update(read_at=timezone.now())


def mark_group_read(*, user: User, notification: Notification) -> int:
    """Opening a notification reads it and, when it names its actor, every unread one that says the
    same after the name (the others of its group in the centre: "Sofia and 2 others replied to …")."""
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification.text_follows_actor:
        queryset = queryset.filter(
            Q(pk=notification.pk) | Q(kind=notification.kind, text=notification.text, text_follows_actor=True)
        )
    else:
        queryset = queryset.filter(pk=notification.pk)
    forget_people(user.pk)
    return queryset.update(read_at=timezone.now())


@transaction.atomic
def set_email_preference(*, user: User, kind: str, email_mode: str) -> None:
    kind, email_mode = NotificationKind(kind), EmailMode(email_mode)
    NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"email_mode": email_mode})
    # Pending digest rows follow the new choice.
    Notification.objects.filter(
        recipient=user, kind=kind, emailed_at__isnull=True, email_mode=EmailMode.DAILY
    ).update(email_mode=email_mode)


@transaction.atomic
def unsubscribe(*, user_id: int, kind: str | None) -> None:
    """Stop e-mail for one kind, or for every kind when ``kind`` is None (from a signed link)."""
    user = User.objects.get(pk=user_id)
    for each in [NotificationKind(kind)] if kind else list(NotificationKind):
        set_email_preference(user=user, kind=each, email_mode=EmailMode.OFF)


def email_notification(*, notification_id: int, now=None) -> bool:
    """Send one notification's immediate e-mail, once: a row already sent (or no longer immediate) is
    skipped. Returns whether a message went out."""
    from community.notifications.emails import send_immediate

    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "actor")
            .filter(pk=notification_id, emailed_at__isnull=True, email_mode=EmailMode.IMMEDIATE)
            .first()
        )
        if row is None:
            return False
        sent = send_immediate(row)
        Notification.objects.filter(pk=row.pk).update(emailed_at=now or timezone.now())
    return sent


def send_digests(*, now=None) -> int:
    """Mail each person one digest of their unsent DAILY notifications. Safe to run twice."""
    from community.notifications.emails import send_digest

    now = now or timezone.now()
    pending = Notification.objects.filter(
        email_mode=EmailMode.DAILY, emailed_at__isnull=True, created_at__lte=now
    )
    sent = 0
    for user_id in pending.order_by().values_list("recipient_id", flat=True).distinct():
        with transaction.atomic():
            rows = list(
                pending.filter(recipient_id=user_id)
                .select_for_update(of=("self",))  # the actor is a nullable join
                .select_related("recipient", "actor")
                .order_by("created_at")
            )
            if rows and send_digest(rows[0].recipient, rows):
                sent += 1
            Notification.objects.filter(pk__in=[row.pk for row in rows]).update(emailed_at=now)
    return sent
