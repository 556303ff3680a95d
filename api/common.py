"""What the routers share: path parameters, pagination links, small output schemas."""

import base64
import binascii
from datetime import datetime
from urllib.parse import urlencode

from ninja import Path, Schema

from community.parsing import MAX_ID


def id_path(description: str):
    """A database id in a path: 1 to 2**63 - 1 (community.parsing's rule); anything else is a 422."""
    return Path(..., ge=1, le=MAX_ID, description=description)


def next_link(request, **changes) -> str:
    """This request's absolute URL with ``changes`` applied to its query string."""
    params = {key: request.GET.getlist(key) for key in request.GET}
    for key, value in changes.items():
        params[key] = [str(value)]
    return request.build_absolute_uri(request.path + "?" + urlencode(params, doseq=True))


def page_cursor(page: int) -> str:
    """An opaque cursor for a list read by page number (posts, triage, search)."""
    return base64.urlsafe_b64encode(f"page:{page}".encode()).decode().rstrip("=")


def read_page_cursor(cursor: str) -> int:
    """The page a ``page_cursor`` names; 1 for a missing or malformed one (as the pages treat ?page=)."""
    if not cursor or len(cursor) > 40:
        return 1
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return 1
    kind, _, number = text.partition(":")
    if kind != "page" or not number.isascii() or not number.isdigit() or len(number) > 6:
        return 1
    return max(1, int(number))


class Person(Schema):
    username: str
    name: str


def person(user) -> dict | None:
    if user is None:
        return None
    return {"username": user.username, "name": user.public_name}


class Money(Schema):
    amount_minor: int
    currency: str


def money(amount_minor: int, currency: str) -> dict:
    return {"amount_minor": amount_minor, "currency": currency}


class Done(Schema):
    ok: bool = True


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def iso(value: datetime | None):
    return value
