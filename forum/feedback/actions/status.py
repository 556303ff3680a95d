"""Status changes, internal notes: the product team's triage verbs."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from community.events import Event, announce
from forum.feedback.actions.common import interested_user_ids, notify_about_item, reindex_item
from forum.feedback.models import FeedbackItem, InternalNote, Release, Status, StatusChange
from forum.feedback.permissions import check_change_status, check_team
from forum.feedback.reputation import feedback_status_changed
from forum.feedback.validation import clean_text
from forum.permissions import check_see_thread


def _locked(item: FeedbackItem) -> FeedbackItem:
    return (
        FeedbackItem.objects.select_for_update(of=("self",))
        .select_related("thread__board", "status", "fixed_in")
        .get(pk=item.pk)
    )


def apply_status(
    *, item: FeedbackItem, status: Status, actor, comment: str, release: Release | None = None, now=None
) -> StatusChange:
    """Write the change and its timeline row (no permission check: callers check)."""
    now = now or timezone.now()
    fields = {"status": status, "status_changed_at": now}
    if status.category == Status.Category.DONE:
        fields["fixed_at"] = item.fixed_at or now
        if release is not None:
            fields["fixed_in"] = release
    elif status.category != Status.Category.CLOSED:
        fields.update(fixed_at=None, fixed_in=None)
    FeedbackItem.objects.filter(pk=item.pk).update(**fields)
    change = StatusChange.objects.create(
        item=item,
        from_status=item.status,
        to_status=status,
        actor=actor,
        comment=comment,
        release=release,
        created_at=now,
    )
    for name, value in fields.items():
        setattr(item, name, value)
    feedback_status_changed(item=item, status=status, actor=actor)
    reindex_item(item)
    announce(Event.FEEDBACK_STATUS_CHANGED, change_id=change.pk)
    return change


@transaction.atomic
def set_feedback_status(
    *, actor, item: FeedbackItem, status: Status, comment: str, release: Release | None = None
) -> StatusChange:
    """Move an item to ``status`` with a public comment; voters and followers hear about it."""
    item = _locked(item)
    check_change_status(actor, item, status)
    comment = clean_text(comment, "The comment", required=True, max_length=2000)
    if status.key == Status.DUPLICATE:
        raise ValidationError("Merge it into the item it duplicates instead (that moves the votes).")
    if release is not None and release.product_id != item.product_id:
        raise ValidationError("That release belongs to another product.")
    if status.pk == item.status_id and (release is None or release.pk == item.fixed_in_id):
        raise ValidationError(f"It is already “{status.name}”.")
    change = apply_status(item=item, status=status, actor=actor, comment=comment, release=release)
    label = f"{status.name} in {release.version}" if release is not None else status.name
    notify_about_item(
        item=item,
        recipient_ids=interested_user_ids(item.thread),
        text=f"“{item.thread.title}” is now {label}: {comment}",
        actor=actor,
    )
    return change


@transaction.atomic
def bulk_set_status(*, actor, items, status: Status, comment: str) -> int:
    """The triage board's bulk change: every item moves, or none does (errors name the item)."""
    check_team(actor)
    changed = 0
    for item in sorted(items, key=lambda i: i.pk):
        if item.status_id == status.pk:
            continue
        try:
            set_feedback_status(actor=actor, item=item, status=status, comment=comment)
        except ValidationError as exc:
            raise ValidationError(f"#{item.thread_id}: {' '.join(exc.messages)}") from exc
        changed += 1
    return changed


@transaction.atomic
def add_internal_note(*, actor, item: FeedbackItem, body: str) -> InternalNote:
    check_team(actor)
    item = FeedbackItem.objects.select_related("thread").get(pk=item.pk)
    check_see_thread(actor, item.thread)
    body = clean_text(body, "The note", required=True)
    return InternalNote.objects.create(item=item, author=actor, body=body, created_at=timezone.now())
