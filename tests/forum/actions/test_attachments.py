import io
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from forum.actions.attachments import attachment_markdown, upload_attachment, upload_refusal
from forum.markdown import render_markdown
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def veteran(db):
    return UserFactory(username="veteran", date_joined=timezone.now() - timedelta(days=30))


def png(size=(1200, 900), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 80)).save(out, format=fmt)
    return out.getvalue()


def test_upload_makes_a_thumbnail_and_safe_markdown(veteran):
    attachment = upload_attachment(
        actor=veteran, uploaded=SimpleUploadedFile("screen shot.png", png(), "image/png")
    )
    assert (attachment.width, attachment.height, attachment.content_type) == (1200, 900, "image/png")
    with attachment.thumbnail.open() as f:
        assert Image.open(f).size == (800, 600)
    html = render_markdown(attachment_markdown(attachment))
    assert f'src="{attachment.thumbnail.url}"' in html and f'href="{attachment.image.url}"' in html


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("fake.png", b"<script>alert(1)</script>", "not an image"),
        ("empty.png", b"", "Choose an image"),
        ("doc.bmp", png(fmt="BMP"), "JPEG, PNG, GIF or WebP"),
        ("huge.png", png(size=(9000, 9000)), "too large"),
    ],
)
def test_bad_uploads_are_refused(veteran, settings, name, data, message):
    settings.FORUM_ATTACHMENT_MAX_PIXELS = 50_000_000 if name != "huge.png" else 1_000_000
    with pytest.raises(ValidationError, match=message):
        upload_attachment(actor=veteran, uploaded=SimpleUploadedFile(name, data, "image/png"))


def test_oversized_files_are_refused(veteran, settings):
    settings.FORUM_ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="too big"):
        upload_attachment(actor=veteran, uploaded=SimpleUploadedFile("big.png", png(), "image/png"))


def test_new_accounts_cannot_upload_and_are_told_when_they_can(member):
    member.date_joined = timezone.make_aware(datetime(2030, 5, 1, 12))
    with pytest.raises(PermissionDenied) as refused:
        upload_attachment(actor=member, uploaded=SimpleUploadedFile("a.png", png(), "image/png"))
    message = str(refused.value)
    assert message == upload_refusal(member)
    assert message.startswith("New accounts cannot upload images yet: you can from 4 May 2030")
    assert "or sooner when you reach level 2 (Member, 20 points)" in message
    assert upload_refusal(UserFactory(username="old", date_joined=timezone.now() - timedelta(days=30))) == ""


def test_upload_view_refuses_a_new_account_without_asking_for_another_image(client, member):
    client.force_login(member)
    response = client.post(
        "/forum/uploads/",
        {"image": SimpleUploadedFile("a.png", png(), "image/png")},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403
    assert response.json() == {"error": upload_refusal(member), "can_retry": False}
    response = client.post("/forum/uploads/", {"image": SimpleUploadedFile("a.png", png(), "image/png")})
    assert response.status_code == 403 and 'type="file"' not in response.content.decode()


def test_upload_view_answers_json_and_html(client, veteran):
    client.force_login(veteran)
    response = client.post(
        "/forum/uploads/",
        {"image": SimpleUploadedFile("a.png", png(), "image/png")},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200 and response.json()["markdown"].startswith("[![a](")
    response = client.post("/forum/uploads/", {"image": SimpleUploadedFile("a.png", b"nope", "image/png")})
    assert response.status_code == 400 and "not an image" in response.content.decode()
