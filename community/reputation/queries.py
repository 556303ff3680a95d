"""Read paths: leaderboards (site-wide or per product; week, month, all time) from the ledger,
the rules page, a badge's holders and a person's live check-in streak. Each a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils import timezone

from community import hooks
from community.profiles.people import attach_people, with_people
from community.reputation.models import BadgeAward, ReputationEntry, ReputationRule, ReputationTotal

PERIODS = {"week": "This week", "month": "This month", "all": "All time"}


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int
    user: object
    points: int


def period_start(period: str, *, now=None) -> datetime | None:
    """Calendar periods in the site's time zone: the week starts on Monday."""
    if period == "all":
        return None
    today = timezone.localdate(now or timezone.now())
    if period == "week":
        first = today - timedelta(days=today.weekday())
    elif period == "month":
        first = today.replace(day=1)
    else:
        raise ValueError(f"Unknown period {period!r}")
    return timezone.make_aware(datetime.combine(first, time.min))


def leaderboard(*, period: str = "week", product_id: int | None = None, limit: int = 20, now=None):
    """Top people by points earned in the period (live ledger rows), two queries (one for all time
    site-wide), each person with what the person component shows (avatar, level, team mark)."""
    User = get_user_model()
    if period == "all" and product_id is None:
        totals = list(
            with_people(ReputationTotal.objects.filter(points__gt=0, user__is_active=True), "user")
            .order_by("-points", "user_id")[:limit]
        )
        attach_people(totals, "user")
        return [LeaderboardRow(rank=i, user=t.user, points=t.points) for i, t in enumerate(totals, start=1)]
    entries = ReputationEntry.objects.filter(reversed_at__isnull=True, user__is_active=True)
    start = period_start(period, now=now)
    if start is not None:
        entries = entries.filter(created_at__gte=start)
    if product_id is not None:
        entries = entries.filter(product_id=product_id)
    rows = list(
        entries.values("user_id")
        .annotate(total=Sum("points"))
        .filter(total__gt=0)
        .order_by("-total", "user_id")
        .values_list("user_id", "total")[:limit]
    )
    users = with_people(User.objects.all()).in_bulk([user_id for user_id, _ in rows])
    attach_people(users.values())
    return [
        LeaderboardRow(rank=i, user=users[user_id], points=total)
        for i, (user_id, total) in enumerate(rows, start=1)
        if user_id in users
    ]


def top_contributors(*, product_id: int | None, period: str = "all", limit: int = 10) -> list[int]:
    """User ids of the top contributors (what the store's purchase-right grant uses)."""
    return [row.user.pk for row in leaderboard(period=period, product_id=product_id, limit=limit)]


def product_names(product_ids) -> dict[int, str]:
    """Names from the ``community.product_names`` hook (the store fills it); "Product #n" otherwise."""
    ids = [int(pk) for pk in product_ids if pk is not None]
    names: dict[int, str] = {}
    for provider in hooks.get(hooks.Hook.COMMUNITY_PRODUCT_NAMES):
        names.update(provider(ids))
    return {pk: names.get(pk, f"Product #{pk}") for pk in ids}


def product_choices() -> list[tuple[int, str]]:
    """(id, name) of every product, from the ``community.product_choices`` hook."""
    choices: list[tuple[int, str]] = []
    for provider in hooks.get(hooks.Hook.COMMUNITY_PRODUCT_CHOICES):
        choices.extend(provider())
    return choices


def public_rules() -> list[ReputationRule]:
    return list(ReputationRule.objects.filter(is_active=True).order_by("position", "id"))


def badge_holders(badge, *, limit: int = 100) -> list[BadgeAward]:
    """Who earned ``badge``, newest first, each with what the person component shows: one query."""
    awards = list(
        with_people(BadgeAward.objects.filter(badge=badge, user__is_active=True), "user").order_by(
            "-awarded_at", "-id"
        )[:limit]
    )
    attach_people(awards, "user")
    return awards


def current_streak(total: ReputationTotal | None, *, today=None) -> int:
    """The streak still alive today (checked in today or yesterday), else 0."""
    if total is None or total.last_checkin_on is None:
        return 0
    today = today or timezone.localdate()
    return total.checkin_streak if total.last_checkin_on >= today - timedelta(days=1) else 0
