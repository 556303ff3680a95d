from django.db import transaction
from django.utils import timezone
from django_tasks import task

from community.notifications.models import EmailMode, Notification


@task()
def send_notification_emails(*, notification_ids: list[int]) -> int:
    """Send the immediate e-mails of these notifications. Safe to run twice: a sent row is skipped."""
    from community.notifications.emails import send_immediate

    sent = 0
    for pk in notification_ids:
        with transaction.atomic():
            row = (
                Notification.objects.select_for_update()
                .select_related("recipient")
                .filter(pk=pk, emailed_at__isnull=True, email_mode=EmailMode.IMMEDIATE)
                .first()
            )
            if row is None:
                continue
            if send_immediate(row):
                sent += 1
            Notification.objects.filter(pk=pk).update(emailed_at=timezone.now())
    return sent


@task()
def send_daily_digests() -> int:
    from community.notifications.actions import send_digests

    return send_digests()
