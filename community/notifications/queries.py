from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
class NotificationGroup:
    """Notifications of one day that say the same thing about the same place, by different people
    or by one person more than once ("Sofia and 2 others replied to your thread “X”"): rows newest
    first. A notification that names no actor is a group of its own."""

    rows: list

    @property
    def newest(self) -> Notification:
        return self.rows[0]

    @property
    def pk(self) -> int:
        return self.rows[0].pk

    @property
    def kind(self) -> str:
        return self.rows[0].kind

    @property
    def created_at(self):
        return self.rows[0].created_at

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def is_unread(self) -> bool:
        return any(row.read_at is None for row in self.rows)

    @property
    def unread_ids(self) -> list[int]:
        return [row.pk for row in self.rows if row.read_at is None]

    @property
    def actors(self) -> list:
        """The distinct people who did it, most recent first (None for a deleted account)."""
        seen, people = set(), []
        for row in self.rows:
            if row.actor_id not in seen:
                seen.add(row.actor_id)
                people.append(row.actor)
        return people

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, ("", ""))[0] or NotificationKind(self.kind).label

    @property
    def icon(self) -> str:
        return KIND_LABELS.get(self.kind, ("", "bell"))[1]

    @property
    def names_actor(self) -> bool:
        return self.rows[0].text_follows_actor

    @property
    def message(self) -> str:
        first = self.rows[0]
        if len(self.rows) == 1 or not first.text_follows_actor:
            return first.message
        names = [person.public_name if person is not None else _("Someone") for person in self.actors]
        if len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = _("%(first)s and %(second)s") % {"first": names[0], "second": names[1]}
        else:
            others = len(names) - 1
            who = ngettext("%(first)s and %(n)d other", "%(first)s and %(n)d others", others) % {
                "first": names[0],
                "n": others,
            }
        return f"{who} {first.text}"


# What a notification's kind is called in one word and its icon (components/icon.html), in the centre.
KIND_LABELS = {
    NotificationKind.REPLY: ("Reply", "reply"),
    NotificationKind.MENTION: ("Mention", "user"),
    NotificationKind.QUOTE: ("Quote", "message-square"),
    NotificationKind.WATCHED: ("Watching", "bell"),
    NotificationKind.VOTES: ("Votes", "heart"),
    NotificationKind.MODERATION: ("Moderation", "shield-check"),
    NotificationKind.FEEDBACK: ("Feedback", "bug"),
    NotificationKind.PROGRAMME: ("Testers", "flask-conical"),
    NotificationKind.BADGE: ("Badge", "award"),
}


def group_key(row: Notification):
    """Rows with the same key on the same day are shown as one: the same kind and the same words
    after the actor's name (so the same thread or item). Rows that do not name an actor stay apart."""
    if not row.text_follows_actor:
        return ("row", row.pk)
    return ("group", timezone.localdate(row.created_at), row.kind, row.text)


@dataclass
class NotificationPage:
    show: str
    days: list  # [(date, [NotificationGroup])], newest first
    older: str  # cursor of the next (older) page, "" on the last one
    is_first: bool
    has_unread: bool

    @property
    def groups(self) -> list[NotificationGroup]:
        return [group for _, groups in self.days for group in groups]


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


# How many rows one page reads to fill its groups: a page shows at most PER_PAGE groups, and reads
# at most this many times as many rows to find them (fewer groups when one thread has more).
ROWS_PER_GROUP_READ = 4


def notification_page(user, *, show: str = "all", before: str = "", per_page: int = PER_PAGE):
    """One page of a person's notifications, newest first, grouped by day (in the current time
    zone) and, within a day, the same thing said by several people as one group (group_key), in
    keyset pages: ``before`` is the cursor of the last row of the page before. A page holds up to
    ``per_page`` groups; it ends before the row that would start one more, so every row is shown
    once (a group can go on on the next page). Two queries (the rows with their actors and their
    profiles, whether anything is unread) plus one per visibility hook that knows a row."""
    show = show if show in FILTERS else "all"
    queryset = _filter(user.notifications.all(), show)
    after = read_cursor(before)
    if after is not None:
        at, pk = after
        queryset = queryset.filter(Q(created_at__lt=at) | Q(created_at=at, pk__lt=pk))
    most = per_page * ROWS_PER_GROUP_READ
    window = list(
        queryset.select_related("actor", "actor__profile").order_by("-created_at", "-id")[: most + 1]
    )
    more = len(window) > most
    window = window[:most]
    shown = {row.pk for row in visible(user, window)}
    groups: dict = {}
    end = len(window)
    for index, row in enumerate(window):
        if row.pk not in shown:
            continue
        key = group_key(row)
        if key not in groups:
            if len(groups) == per_page:
                end, more = index, True
                break
            groups[key] = NotificationGroup(rows=[])
        groups[key].rows.append(row)
    older = make_cursor(window[end - 1]) if more and end else ""
    days: list = []
    for group in groups.values():
        day = timezone.localdate(group.created_at)
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(group)
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
