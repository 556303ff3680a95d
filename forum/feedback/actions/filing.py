"""Filing feedback: the forum thread through the forum's own action, then its structure."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from community.events import Event, announce
from forum.actions.threads import start_thread
from forum.feedback.actions.attachments import claim_staged
from forum.feedback.actions.common import reindex_item
from forum.feedback.models import Attachment, EnvironmentSchema, FeedbackItem, Release, Status, StatusChange
from forum.feedback.validation import MAX_ATTACHMENTS, clean_attachment, clean_environment, clean_text
from forum.models import Board
from store.models import Variant


def environment_fields(product_id: int) -> list[dict]:
    schema = EnvironmentSchema.objects.filter(product_id=product_id).first()
    return schema.definitions() if schema else []


def match_release(product_id: int, build: str) -> Release | None:
    """A live release of the product whose version is ``build`` (case and a leading v ignored)."""
    build = (build or "").strip()
    if not build:
        return None
    candidates = {build.lower(), build.lower().removeprefix("v"), "v" + build.lower().removeprefix("v")}
    for release in Release.objects.filter(product_id=product_id, live=True).only("pk", "version"):
        if release.version.lower() in candidates:
            return release
    return None


def compose_body(*, description: str, steps: str, expected: str, actual: str) -> str:
    parts = [description]
    for heading, text in (("Steps to reproduce", steps), ("Expected", expected), ("Actual", actual)):
        if text:
            parts.append(f"**{heading}**\n\n{text}")
    return "\n\n".join(p for p in parts if p)


@transaction.atomic
def file_feedback(
    *,
    actor,
    board: Board,
    kind: str,
    title: str,
    description: str,
    variant: Variant | None = None,
    release: Release | None = None,
    build_string: str = "",
    environment: dict | None = None,
    steps: str = "",
    expected: str = "",
    actual: str = "",
    frequency: str = "",
    attachments=(),
    staged_ids=(),
) -> FeedbackItem:
    """File a report. ``attachments``: uploaded files (the filing form); ``staged_ids``: uploads
    ``actor`` made ahead of it (forum.feedback.actions.attachments, the API), attached as they are."""
    if board.kind != Board.Kind.FEEDBACK or board.product_id is None:
        raise ValidationError("Feedback is filed in a product's feedback board.")
    if kind not in FeedbackItem.Kind.values:
        raise ValidationError("Pick bug or suggestion.")
    if frequency not in FeedbackItem.Frequency.values:
        raise ValidationError("Pick how often it happens.")
    product_id = board.product_id
    if variant is not None and variant.product_id != product_id:
        raise ValidationError("That model belongs to another product.")
    if release is not None and release.product_id != product_id:
        raise ValidationError("That release belongs to another product.")
    if release is not None and not release.live:
        raise ValidationError("That release is not out yet.")
    description = clean_text(description, "The description", required=True)
    steps = clean_text(steps, "Steps to reproduce")
    expected = clean_text(expected, "Expected result")
    actual = clean_text(actual, "Actual result")
    build_string = clean_text(build_string, "The build", max_length=60)
    if kind == FeedbackItem.Kind.BUG and not steps and not actual:
        raise ValidationError("A bug report needs the steps to reproduce or what actually happens.")
    environment = clean_environment(environment_fields(product_id), environment or {})
    attachments = list(attachments or [])
    staged = claim_staged(actor=actor, ids=staged_ids) if staged_ids else []
    if len(attachments) + len(staged) > MAX_ATTACHMENTS:
        raise ValidationError(f"Attach at most {MAX_ATTACHMENTS} files.")
    checked = [(upload, *clean_attachment(upload)) for upload in attachments]
    if release is None and build_string:
        release = match_release(product_id, build_string)

    thread = start_thread(
        actor=actor,
        board=board,
        title=title,
        body=compose_body(description=description, steps=steps, expected=expected, actual=actual),
    )
    now = timezone.now()
    new = Status.objects.get(key=Status.NEW)
    item = FeedbackItem.objects.create(
        thread=thread,
        product_id=product_id,
        variant=variant,
        kind=kind,
        status=new,
        affected_release=release,
        build_string="" if release else build_string,
        description=description,
        environment=environment,
        steps=steps,
        expected=expected,
        actual=actual,
        frequency=frequency,
        created_at=now,
        status_changed_at=now,
    )
    StatusChange.objects.create(item=item, from_status=None, to_status=new, actor=actor, created_at=now)
    for upload, name, content_type in checked:
        attachment = Attachment(
            item=item,
            name=name,
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
            created_at=now,
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
    if staged:
        Attachment.objects.filter(pk__in=[row.pk for row in staged]).update(item=item, created_at=now)
    reindex_item(item)
    announce(Event.FEEDBACK_FILED, item_id=item.pk)
    return item


@transaction.atomic
def match_build_strings(*, release: Release) -> int:
    """Reports that named this release's version as free text now point at it."""
    key = release.version.lower().removeprefix("v")
    ids = [
        pk
        for pk, build in FeedbackItem.objects.filter(
            product_id=release.product_id, affected_release__isnull=True
        )
        .exclude(build_string="")
        .values_list("pk", "build_string")
        if build.strip().lower().removeprefix("v") == key
    ]
    return FeedbackItem.objects.filter(pk__in=ids).update(affected_release=release, build_string="")
