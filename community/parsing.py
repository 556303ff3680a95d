"""Integers from URLs, query strings and forms: one parser, so that no view meets an OverflowError.

A database id is a positive 64-bit integer: ``parse_id`` accepts plain ASCII digits from 1 to
2**63 - 1 and nothing else (no sign, spaces, exponent, "0x", full-width or Arabic-Indic digits: those
are not what a link or a form of ours sends). ``IdConverter`` is the same rule as a URL path
converter, registered as ``<id:pk>``: a value out of range does not match, so the URL answers 404.
"""

import re

from django.urls import register_converter

MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value) -> int | None:
    """``value`` as a database id (1 to 2**63 - 1), or None when it is anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_ID else None
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def parse_ids(values, *, limit: int | None = None) -> list[int]:
    """The valid ids among ``values`` (a list from ``getlist``), in order, without repeats."""
    seen: dict[int, None] = {}
    for value in values:
        number = parse_id(value)
        if number is not None:
            seen.setdefault(number)
            if limit is not None and len(seen) >= limit:
                break
    return list(seen)


def page_number(value, *, last: int | None = None) -> int:
    """A 1-based page number from a query string: anything that is not a valid number is page 1, and
    a number past ``last`` is ``last``."""
    number = parse_id(value) or 1
    return min(number, last) if last is not None and last > 0 else number


class IdConverter:
    """``<id:name>`` in a URL pattern: a positive integer that fits a 64-bit id; else the URL is 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the resolver treats this as "no match": 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


# Registered once, when this module is first imported: every urls.py that uses ``<id:...>`` imports
# it first (Django refuses to register a converter name twice).
register_converter(IdConverter, "id")
