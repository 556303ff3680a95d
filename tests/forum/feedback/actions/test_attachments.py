"""Attachments uploaded ahead of their report (the API's upload): the filing form's checks, a day to
be named by a report, and only by the person who uploaded them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from forum.feedback.actions.attachments import MAX_STAGED, STAGED_FOR, stage_attachment, staged_attachments
from forum.feedback.models import Attachment
from forum.limits import limits_off
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_item

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def png(name="screen.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def test_a_staged_upload_is_attached_by_the_report_that_names_it(feedback_board, reporter):
    upload = stage_attachment(actor=reporter, upload=png())
    assert upload.item_id is None and upload.name == "screen.png" and upload.content_type == "image/png"
    log = stage_attachment(actor=reporter, upload=SimpleUploadedFile("adb.log", b"E/Bluetooth: drop"))

    item = make_item(board=feedback_board, author=reporter, staged_ids=[log.pk, upload.pk])

    assert list(item.attachments.order_by("pk").values_list("name", flat=True)) == ["screen.png", "adb.log"]
    assert not staged_attachments(reporter).exists()
    assert item.attachments.get(name="adb.log").file.read() == b"E/Bluetooth: drop"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("virus.exe", b"MZ", "only .gif, .jpeg, .jpg, .log, .png, .txt, .webp, .zip files"),
        ("fake.png", b"GIF89a....", "does not look like a .png file"),
        ("empty.txt", b"", "the file is empty"),
        ("binary.log", b"\x00\x01", "text files only"),
    ],
)
def test_the_filing_forms_checks_refuse_with_a_reason(reporter, name, content, reason):
    with pytest.raises(ValidationError) as caught:
        stage_attachment(actor=reporter, upload=SimpleUploadedFile(name, content))
    assert reason in caught.value.messages[0]
    assert not Attachment.objects.exists()


def test_too_big_is_refused(reporter, settings):
    big = SimpleUploadedFile("huge.txt", b"a" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="at most 5 MB"):
        stage_attachment(actor=reporter, upload=big)


def test_someone_elses_or_an_expired_upload_cannot_be_named(
    feedback_board, reporter, django_capture_on_commit_callbacks
):
    theirs = stage_attachment(actor=UserFactory(), upload=png())
    with pytest.raises(ValidationError, match=f"No such upload waiting for you: {theirs.pk}"):
        make_item(board=feedback_board, author=reporter, staged_ids=[theirs.pk])
    old = stage_attachment(actor=reporter, upload=png())
    Attachment.objects.filter(pk=old.pk).update(created_at=timezone.now() - STAGED_FOR - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="No such upload"):
        make_item(board=feedback_board, author=reporter, staged_ids=[old.pk])
    # the next upload removes what expired, file included
    stored = Attachment.objects.get(pk=old.pk).file
    assert stored.storage.exists(stored.name)
    with django_capture_on_commit_callbacks(execute=True):
        stage_attachment(actor=reporter, upload=png())
    assert not Attachment.objects.filter(pk=old.pk).exists() and not stored.storage.exists(stored.name)


def test_an_upload_is_attached_once(feedback_board, reporter):
    upload = stage_attachment(actor=reporter, upload=png())
    first = make_item(board=feedback_board, author=reporter, staged_ids=[upload.pk])
    with pytest.raises(ValidationError, match="No such upload"):
        make_item(board=feedback_board, author=reporter, title="Another report", staged_ids=[upload.pk])
    assert Attachment.objects.get(pk=upload.pk).item_id == first.pk


def test_at_most_five_files_a_report_and_a_cap_on_waiting_uploads(feedback_board, reporter):
    with limits_off():
        ids = [stage_attachment(actor=reporter, upload=png(f"s{n}.png")).pk for n in range(6)]
    with pytest.raises(ValidationError, match="Attach at most 5 files"):
        make_item(board=feedback_board, author=reporter, staged_ids=ids)
    assert staged_attachments(reporter).count() == 6  # nothing was attached: the filing rolled back
    with limits_off():  # the composer's upload rate limit (10 in 10 minutes) would stop it first
        for n in range(MAX_STAGED - 6):
            stage_attachment(actor=reporter, upload=png(f"t{n}.png"))
    with limits_off(), pytest.raises(ValidationError, match=f"You have {MAX_STAGED} uploads waiting"):
        stage_attachment(actor=reporter, upload=png())


def test_visitors_cannot_upload():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        stage_attachment(actor=AnonymousUser(), upload=png())
