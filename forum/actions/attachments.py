"""Image uploads for posts. The file must be an image Pillow can read, of an allowed format, size and
pixel count; it is re-encoded (so nothing but pixels survives) and gets a thumbnail. Posts show the
thumbnail linked to the original through ordinary markdown, so the renderer and sanitiser apply."""

import io
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from forum import conf
from forum.limits import hit, is_limited, limits_enabled
from forum.models import Attachment
from forum.permissions import check_not_suspended

CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.save(out, format=fmt)
    return out.getvalue()


def _read_image(data: bytes) -> tuple[Image.Image, str]:
    max_pixels = conf.attachment_max_pixels()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
        if width * height > max_pixels:
            raise ValidationError(f"The image is too large ({width} x {height} pixels).")
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError):
        raise ValidationError("That file is not an image we can read (use JPEG, PNG, GIF or WebP).") from None
    if fmt not in conf.attachment_formats():
        raise ValidationError("Use a JPEG, PNG, GIF or WebP image.")
    return image, fmt


@transaction.atomic
def upload_attachment(*, actor, uploaded) -> Attachment:
    if not actor.is_authenticated:
        raise PermissionDenied("Sign in first.")
    check_not_suspended(actor)
    if (
        limits_enabled()
        and conf.new_account_max_images() == 0
        and is_limited(actor, "post_images")
    ):
        raise ValidationError("New accounts cannot upload images yet.")
    max_bytes = conf.attachment_max_bytes()
    if uploaded is None or uploaded.size == 0:
        raise ValidationError("Choose an image to upload.")
    if uploaded.size > max_bytes:
        raise ValidationError(
            f"The image is too big ({uploaded.size // 1024} KB; at most {max_bytes // 1024} KB)."
        )
    hit(actor, "upload")
    data = uploaded.read(max_bytes + 1)
    image, fmt = _read_image(data)
    stem = Path(uploaded.name or "image").stem[:60] or "image"
    ext = EXTENSIONS[fmt]
    original = _encode(image, fmt) if fmt != "GIF" else data  # GIF keeps its frames; Pillow verified it
    thumb = image.copy()
    thumb.thumbnail(conf.thumbnail_size())
    thumb_fmt = "PNG" if fmt in {"PNG", "GIF"} else fmt
    attachment = Attachment(
        uploader=actor,
        original_name=(uploaded.name or "image")[:200],
        content_type=CONTENT_TYPES[fmt],
        size_bytes=len(original),
        width=image.width,
        height=image.height,
        created_at=timezone.now(),
    )
    attachment.image.save(f"{stem}.{ext}", ContentFile(original), save=False)
    attachment.thumbnail.save(
        f"{stem}-thumb.{EXTENSIONS[thumb_fmt]}", ContentFile(_encode(thumb, thumb_fmt)), save=False
    )
    attachment.save()
    return attachment


def attachment_markdown(attachment: Attachment) -> str:
    alt = Path(attachment.original_name).stem.replace("[", "").replace("]", "")[:80] or "image"
    return f"[![{alt}]({attachment.thumbnail.url})]({attachment.image.url})"
