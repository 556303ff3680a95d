from django_tasks import task


@task()
def send_notification_emails(*, notification_ids: list[int]) -> int:
    """Send the immediate e-mails of these notifications. Safe to run twice: a sent row is skipped."""
    from community.notifications.actions import email_notification

    return sum(email_notification(notification_id=pk) for pk in notification_ids)


@task()
def send_daily_digests() -> int:
    from community.notifications.actions import send_digests

    return send_digests()
