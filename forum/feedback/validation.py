"""Input rules for feedback, shared by forms and actions."""

import os

from django.core.exceptions import ValidationError

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# extension -> (content type, magic prefixes or None for text/any)
ATTACHMENT_TYPES = {
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image/webp", (b"RIFF",)),
    ".txt": ("text/plain", None),
    ".log": ("text/plain", None),
    ".zip": ("application/zip", (b"PK\x03\x04",)),
}
MAX_TEXT = 5000


def clean_text(value: str, label: str, *, required: bool = False, max_length: int = MAX_TEXT) -> str:
    value = (value or "").replace("\r\n", "\n").strip()
    if "\x00" in value:
        raise ValidationError(f"{label} contains characters that cannot be stored.")
    if required and not value:
        raise ValidationError(f"{label} is required.")
    if len(value) > max_length:
        raise ValidationError(f"{label} is too long (at most {max_length} characters).")
    return value


def clean_attachment(upload) -> tuple[str, str]:
    """(safe file name, content type) or ValidationError."""
    name = os.path.basename(getattr(upload, "name", "") or "")[:100]
    ext = os.path.splitext(name)[1].lower()
    if ext not in ATTACHMENT_TYPES:
        raise ValidationError(
            f"{name or 'The file'}: only {', '.join(sorted(ATTACHMENT_TYPES))} files can be attached."
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"{name}: files can be at most {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.")
    if upload.size == 0:
        raise ValidationError(f"{name}: the file is empty.")
    content_type, magic = ATTACHMENT_TYPES[ext]
    head = upload.read(16)
    upload.seek(0)
    if magic is not None and not any(head.startswith(prefix) for prefix in magic):
        raise ValidationError(f"{name}: the content does not look like a {ext} file.")
    if magic is None and b"\x00" in head:
        raise ValidationError(f"{name}: text files only for {ext}.")
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name) or f"file{ext}"
    return safe, content_type


def clean_environment(definitions: list[dict], values: dict) -> dict:
    values = values if isinstance(values, dict) else {}
    cleaned, errors = {}, []
    for field in definitions:
        raw = str(values.get(field["name"], "") or "").strip()[:120]
        if field["type"] == "choice" and raw and raw not in field["choices"]:
            errors.append(f"{field['label']}: pick one of the listed values.")
            continue
        if field["required"] and not raw:
            errors.append(f"{field['label']} is required.")
            continue
        if raw:
            cleaned[field["name"]] = raw
    if errors:
        raise ValidationError(errors)
    return cleaned
