"""Avatars: uploads are checked and resized with Pillow; everyone else gets a generated one."""

import hashlib
import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.html import escape
from PIL import Image, ImageOps, UnidentifiedImageError

AVATAR_SIZE = 256
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000


def resized_avatar(upload, *, name_hint: str) -> ContentFile:
    """A square PNG of AVATAR_SIZE pixels from an uploaded image, or a ValidationError."""
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError("Choose an image under 5 MB.")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError("That image is too large.")
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGBA")
            image = ImageOps.fit(image, (AVATAR_SIZE, AVATAR_SIZE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ValidationError("That file is not an image we can read.") from exc
    digest = hashlib.sha256(out.getvalue()).hexdigest()[:12]
    return ContentFile(out.getvalue(), name=f"{name_hint}-{digest}.png")


def initials(name: str) -> str:
    parts = [part for part in name.replace("_", " ").replace("-", " ").split() if part]
    letters = "".join(part[0] for part in parts[:2]) or "?"
    return letters.upper()


def generated_avatar_svg(*, seed: str, name: str) -> str:
    """A coloured disc with the person's initials; the colour follows the username."""
    hue = int(hashlib.sha256(seed.encode()).hexdigest()[:4], 16) % 360
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img">'
        f'<rect width="64" height="64" rx="32" fill="hsl({hue} 55% 45%)"/>'
        '<text x="32" y="40" text-anchor="middle" font-family="system-ui,sans-serif" font-size="24" '
        f'font-weight="600" fill="#fff">{escape(initials(name))}</text></svg>'
    )
