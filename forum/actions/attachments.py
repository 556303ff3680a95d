"""Image uploads for posts. The file must be an image Pillow can read, of an allowed format, size and
pixel count; it is re-encoded (so nothing but pixels survives) and gets a thumbnail. Posts show the
thumbnail linked to the original through ordinary markdown, so the renderer and sanitiser apply."""

import io
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
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


def upload_refusal(user) -> str:
    """Why ``user`` may not upload images, and when that changes; "" when they may. The composer
    shows this instead of the upload button, and the upload refuses with the same words."""
    if not user.is_authenticated:
        return "Sign in to upload images."
    if not (
        limits_enabled() and conf.new_account_max_images() == 0 and is_limited(user, "post_images")
    ):
        return ""
    from community.reputation.levels import ability_levels, level_settings, level_table

    settings = level_settings()
    number = ability_levels(settings)["post_images"]
    table = level_table(settings)
    title, points = table[min(number, len(table)) - 1]
    unlocks_at = user.date_joined + timedelta(days=conf.new_account_days())
    when = date_format(timezone.localtime(unlocks_at), "j F Y")
    return (
        f"New accounts cannot upload images yet: you can from {when}, "
        f"or sooner when you reach level {number} ({title}, {points} points)."
    )


@transaction.atomic
def upload_attachment(*, actor, uploaded) -> Attachment:
    if not actor.is_authenticated:
        raise PermissionDenied("Sign in first.")
    check_not_suspended(actor)
    refusal = upload_refusal(actor)
    if refusal:
        raise PermissionDenied(refusal)
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
