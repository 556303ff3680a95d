"""Input rules shared by forms and actions (actions re-check: a bulk writer or the admin uses them too)."""

from django.core.exceptions import ValidationError

from community.validators import validate_single_line
from forum import conf


def clean_title(title: str) -> str:
    # A title is one line: a line feed or other control character is refused, not folded away.
    validate_single_line(title or "")
    title = " ".join((title or "").split())
    if len(title) < conf.title_min_length():
        raise ValidationError(f"The title needs at least {conf.title_min_length()} characters.")
    if len(title) > conf.title_max_length():
        raise ValidationError(f"Keep the title under {conf.title_max_length()} characters.")
    if "\x00" in title:
        raise ValidationError("The title contains characters that cannot be stored.")
    return title


def clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if "\x00" in body:
        raise ValidationError("The post contains characters that cannot be stored.")
    if len(body) < conf.post_min_length():
        raise ValidationError("Write something first: the post is empty or too short.")
    if len(body) > conf.post_max_length():
        raise ValidationError(
            f"The post is too long ({len(body)} characters; at most {conf.post_max_length()})."
        )
    return body


def clean_poll(question: str, choices: list[str]) -> tuple[str, list[str]]:
    question = " ".join((question or "").split())
    cleaned = [" ".join(c.split()) for c in choices if c and c.strip()]
    if not question:
        raise ValidationError("A poll needs a question.")
    if len(question) > 200:
        raise ValidationError("Keep the poll question under 200 characters.")
    if len(cleaned) < conf.poll_min_choices():
        raise ValidationError(f"A poll needs at least {conf.poll_min_choices()} choices.")
    if len(cleaned) > conf.poll_max_choices():
        raise ValidationError(f"A poll can have at most {conf.poll_max_choices()} choices.")
    limit = conf.poll_choice_max_length()
    if any(len(c) > limit for c in cleaned):
        raise ValidationError(f"Keep each choice under {limit} characters.")
    if len({c.lower() for c in cleaned}) != len(cleaned):
        raise ValidationError("Two choices are the same.")
    return question, cleaned


MAX_TAGS = 5


def clean_tags(raw) -> list[str]:
    """Tags as typed ("battery, Bluetooth  bug") to a list of distinct lowercase slugs."""
    import re

    parts = re.split(r"[,\s]+", raw) if isinstance(raw, str) else list(raw or [])
    tags: list[str] = []
    for part in parts:
        tag = part.strip().lstrip("#").lower()
        if not tag:
            continue
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,29}", tag):
            raise ValidationError(f"“{tag[:40]}” is not a tag: use 2 to 30 letters, digits or dashes.")
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError(f"Use at most {MAX_TAGS} tags.")
    return tags
