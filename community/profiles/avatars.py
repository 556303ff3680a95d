"""Avatars: uploads are checked and resized with Pillow; everyone else gets a generated one."""

import hashlib
import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.html import escape
from PIL import Image, ImageOps, UnidentifiedImageError

from community.profiles.snapshots import PersonSnapshot

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
    return ContentFile(out.getvalue(), name=f"{name_hint}-{digest}-{AVATAR_SIZE}.png")


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


# ---- Showing avatars (the components in themes/base/templates/components/avatar.html) ----------

# The sizes a page may show an avatar at, in CSS pixels; the component takes the name.
SIZES = {"xs": 20, "sm": 28, "md": 40, "lg": 64, "xl": 96}
DEFAULT_SIZE = "sm"
# Uploads are stored at AVATAR_SIZE with smaller copies beside them (``variant_name``), so a list
# of 28-pixel avatars does not download 256-pixel images.
VARIANT_WIDTHS = (64, 128)
PALETTE_SIZE = 12  # generated avatars take one of .avatar--c0 … .avatar--c11 (a theme re-skins them)


def colour_index(seed: str) -> int:
    """Which of the palette's colours a generated avatar takes, from the person's public name: the
    same on every page, including those that know only the name (search hits)."""
    return int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16) % PALETTE_SIZE


def variant_name(name: str, width: int) -> str:
    """The stored name of the ``width``-pixel copy of an uploaded avatar (``…-256.png`` ->
    ``…-64.png``); only uploads named ``-<AVATAR_SIZE>.png`` have copies."""
    return name.removesuffix(f"-{AVATAR_SIZE}.png") + f"-{width}.png"


def has_variants(name: str) -> bool:
    return name.endswith(f"-{AVATAR_SIZE}.png")


def all_names(name: str) -> list[str]:
    """Every stored file of one uploaded avatar: the original and its smaller copies."""
    if not name:
        return []
    if not has_variants(name):
        return [name]
    return [name, *(variant_name(name, width) for width in VARIANT_WIDTHS)]


def resized_variants(content: ContentFile) -> dict[int, ContentFile]:
    """Smaller copies of a resized avatar (``resized_avatar``'s output), keyed by width."""
    copies = {}
    content.seek(0)
    with Image.open(content) as image:
        image.load()
        for width in VARIANT_WIDTHS:
            small = image.resize((width, width), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            small.save(out, format="PNG", optimize=True)
            copies[width] = ContentFile(out.getvalue(), name=variant_name(content.name, width))
    content.seek(0)
    return copies


def _loaded(obj, relation: str):
    """A related object that came with the row (select_related), or None: showing an avatar never
    runs a query of its own (a page that wants uploads shown selects ``profile`` with its people)."""
    cache = getattr(getattr(obj, "_state", None), "fields_cache", {})
    return cache.get(relation)


def _upload(user) -> tuple[str, object]:
    """(stored name, storage) of the person's uploaded avatar when the page knows it without a
    query: the profile came with the row, or a stored snapshot names it (search hits); else ("", None)."""
    if isinstance(user, PersonSnapshot):
        if not user.avatar_name:
            return "", None
        from community.profiles.models import Profile

        return user.avatar_name, Profile._meta.get_field("avatar").storage
    profile = _loaded(user, "profile")
    if profile is not None and profile.avatar:
        return profile.avatar.name, profile.avatar.storage
    return "", None


def avatar_for(user, size: str = DEFAULT_SIZE, *, name: str = "") -> dict:
    """What the avatar component draws for ``user`` at ``size``: ``px``, ``initials``, ``colour``
    and, for an uploaded avatar whose profile came with the row, ``src``, ``srcset`` and ``sizes``.
    Without a user, ``name`` alone (a search hit's author) draws the same initials and colour as
    the person's generated avatar elsewhere; a ``PersonSnapshot`` (a search hit's author) draws
    the upload it names. Runs no query."""
    px = SIZES.get(size, SIZES[DEFAULT_SIZE])
    size = size if size in SIZES else DEFAULT_SIZE
    name = user.public_name if user is not None else name
    if not name:
        return {"px": px, "size": size, "initials": "?", "colour": 0, "name": ""}
    data = {
        "px": px,
        "size": size,
        "initials": initials(name),
        "colour": colour_index(name),
        "name": name,
    }
    if user is None:
        return data
    stored, storage = _upload(user)
    if stored:
        if has_variants(stored):
            widths = [*VARIANT_WIDTHS, AVATAR_SIZE]
            urls = {w: storage.url(variant_name(stored, w) if w != AVATAR_SIZE else stored) for w in widths}
            data["src"] = (
                urls[next(w for w in widths if w >= 2 * px)] if 2 * px <= AVATAR_SIZE else urls[AVATAR_SIZE]
            )
            data["srcset"] = ", ".join(f"{urls[w]} {w}w" for w in widths)
            data["sizes"] = f"{px}px"
        else:
            data["src"] = storage.url(stored)
    return data
