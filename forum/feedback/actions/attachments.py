"""Attachments uploaded ahead of their report: the API's upload (as the composer uploads an image
first and the post names it). The file passes the filing form's own checks (validation.clean_attachment:
type, size, content); the report names it within ``STAGED_FOR`` and ``file_feedback`` attaches it."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from forum.feedback.models import Attachment
from forum.feedback.validation import MAX_ATTACHMENTS, clean_attachment
from forum.limits import hit
from forum.permissions import check_not_suspended

STAGED_FOR = timedelta(days=1)
MAX_STAGED = 4 * MAX_ATTACHMENTS  # waiting at once per person


def staged_attachments(user):
    """``user``'s uploads still waiting for a report (not expired)."""
    since = timezone.now() - STAGED_FOR
    return Attachment.objects.filter(item__isnull=True, uploaded_by_id=user.pk, created_at__gt=since)


def _discard_expired(user, now) -> None:
    """Uploads nobody filed within the day: their rows now, their files after the commit."""
    expired = list(
        Attachment.objects.filter(item__isnull=True, uploaded_by_id=user.pk, created_at__lte=now - STAGED_FOR)
    )
    if not expired:
        return
    Attachment.objects.filter(pk__in=[a.pk for a in expired]).delete()
    files = [a.file for a in expired]
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files if f.name])


@transaction.atomic
def stage_attachment(*, actor, upload) -> Attachment:
    """Keep a screenshot or log for a report ``actor`` is about to file; ValidationError with a reason
    a person can act on (the type, the size, an empty file, too many waiting)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in first.")
    check_not_suspended(actor)
    if upload is None:
        raise ValidationError("Choose a file to attach.")
    name, content_type = clean_attachment(upload)
    now = timezone.now()
    _discard_expired(actor, now)
    if staged_attachments(actor).count() >= MAX_STAGED:
        raise ValidationError(
            f"You have {MAX_STAGED} uploads waiting for a report: file it first (uploads not named by a "
            "report within a day are removed)."
        )
    hit(actor, "upload")
    attachment = Attachment(
        item=None, name=name, content_type=content_type, size=upload.size, uploaded_by=actor, created_at=now
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


def claim_staged(*, actor, ids) -> list[Attachment]:
    """The staged uploads ``ids`` of ``actor``, locked for the report being filed (inside its
    transaction); ValidationError naming any that is not one of theirs, waiting."""
    ids = list(dict.fromkeys(ids))
    rows = list(staged_attachments(actor).select_for_update().filter(pk__in=ids).order_by("pk"))
    missing = sorted(set(ids) - {row.pk for row in rows})
    if missing:
        listed = ", ".join(str(pk) for pk in missing)
        raise ValidationError(
            f"No such upload waiting for you: {listed} (upload again: uploads wait a day for their report)."
        )
    return sorted(rows, key=lambda row: ids.index(row.pk))
