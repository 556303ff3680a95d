from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from community import hooks
from community.notifications.models import (
    DEFAULT_EMAIL_MODES,
    Notification,
    NotificationKind,
    NotificationPreference,
)


def visible(user, rows):
    """Drop rows (dicts or Notifications with ``target_key``) whose target the person can no longer
    see, asking every ``notifications.visible_keys`` hook about the keys it knows."""
    keys = {(row["target_key"] if isinstance(row, dict) else row.target_key) for row in rows}
    keys.discard("")
    if not keys or user is None:
        return list(rows)
    hidden: set[str] = set()
    for check in hooks.get(hooks.Hook.NOTIFICATIONS_VISIBLE_KEYS):
        known = {key for key in keys if key.split(":", 1)[0] in getattr(check, "prefixes", ())}
        if known:
            hidden |= known - set(check(user, known))
    return [
        row for row in rows if (row["target_key"] if isinstance(row, dict) else row.target_key) not in hidden
    ]


def notification_centre(user, *, limit: int = 50):
    rows = list(user.notifications.select_related("actor").order_by("-created_at", "-id")[:limit])
    return visible(user, rows)


# The notification centre's filters: (label, what they keep). "store" is about orders, drops and
# purchase rights, whatever their kind: the notifications that link into the store.
FILTERS = {
    "all": ("All", None),
    "mentions": ("Mentions", Q(kind__in=[NotificationKind.MENTION, NotificationKind.QUOTE])),
    "replies": ("Replies", Q(kind=NotificationKind.REPLY)),
    "feedback": ("Feedback", Q(kind=NotificationKind.FEEDBACK)),
    "store": ("Store", "store"),
}
PER_PAGE = 30


@dataclass
class NotificationPage:
    show: str
    days: list  # [(date, [Notification])], newest first
    older: str  # cursor of the next (older) page, "" on the last one
    is_first: bool
    has_unread: bool


def _store_prefix() -> str:
    try:
        return reverse("store:catalog")
    except NoReverseMatch:  # a site without the store: nothing links into it
        return ""


def _filter(queryset, show: str):
    keep = FILTERS.get(show, FILTERS["all"])[1]
    if keep is None:
        return queryset
    if keep == "store":
        prefix = _store_prefix()
        return queryset.filter(url__startswith=prefix) if prefix else queryset.none()
    return queryset.filter(keep)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def make_cursor(row: Notification) -> str:
    """The row's place in the newest-first order, exact to the microsecond: "<micros>-<id>"."""
    return f"{(row.created_at - _EPOCH) // _MICROSECOND}-{row.pk}"


def read_cursor(cursor: str) -> tuple[datetime, int] | None:
    """(created_at, id) from a cursor, or None when it is missing or not one of ours."""
    micros, _, pk = (cursor or "").partition("-")
    if not (micros.isdigit() and pk.isdigit()) or len(micros) > 18 or len(pk) > 18:
        return None
    try:
        return _EPOCH + int(micros) * _MICROSECOND, int(pk)
    except OverflowError:
        return None


def notification_page(user, *, show: str = "all", before: str = "", per_page: int = PER_PAGE):
    """One page of a person's notifications, newest first, grouped by day (in the current time
    zone), in keyset pages: ``before`` is the cursor of the last row of the page before. Two
    queries (the page, whether anything is unread) plus one per visibility hook that knows a row."""
    show = show if show in FILTERS else "all"
    queryset = _filter(user.notifications.all(), show)
    after = read_cursor(before)
    if after is not None:
        at, pk = after
        queryset = queryset.filter(Q(created_at__lt=at) | Q(created_at=at, pk__lt=pk))
    rows = list(queryset.select_related("actor").order_by("-created_at", "-id")[: per_page + 1])
    older = make_cursor(rows[per_page - 1]) if len(rows) > per_page else ""
    rows = visible(user, rows[:per_page])
    days: list = []
    for row in rows:
        day = timezone.localdate(row.created_at)
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(row)
    return NotificationPage(
        show=show,
        days=days,
        older=older,
        is_first=after is None,
        has_unread=user.notifications.filter(read_at__isnull=True).exists(),
    )


def email_preferences(user) -> dict[str, str]:
    modes = dict(DEFAULT_EMAIL_MODES)
    modes.update(NotificationPreference.objects.filter(user=user).values_list("kind", "email_mode"))
    return modes
