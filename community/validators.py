"""Rules for text that must stay on one line: names, titles, addresses, codes.

A display name with a line feed in it broke every notification mail about that person (mail headers
may not contain CR or LF), and other control characters (NUL, ESC, BEL, ...) have no business in a
one-line field either. Forms reject them with a message; actions re-check (the API and the admin use
them too).
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

SINGLE_LINE_MESSAGE = "Use one line of plain text: line breaks and control characters are not allowed."


def has_control_characters(value: str) -> bool:
    """True when ``value`` holds a character of Unicode category Cc (C0 and C1 controls, DEL): CR,
    LF, TAB, NUL, ESC and the rest."""
    return any(unicodedata.category(char) == "Cc" for char in value or "")


def validate_single_line(value: str) -> None:
    if has_control_characters(value):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="control_characters")


def without_control_characters(value: str) -> str:
    """``value`` with each run of control characters replaced by one space (for text already stored,
    such as a mail subject built from an old display name)."""
    out: list[str] = []
    for char in value or "":
        if unicodedata.category(char) == "Cc":
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(char)
    return "".join(out).strip()


class SingleLineField(forms.CharField):
    """A CharField that refuses control characters, before any stripping hides a trailing line feed."""

    default_validators = [validate_single_line]

    def to_python(self, value):
        if isinstance(value, str) and has_control_characters(value):
            # Checked before CharField strips the ends: "Ada\r\n" is refused, not quietly trimmed.
            raise ValidationError(SINGLE_LINE_MESSAGE, code="control_characters")
        return super().to_python(value)
