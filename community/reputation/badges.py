"""Badges: who earns what. Awarded by actions as things happen, and by ``backfill_badges`` (the
``reputation_backfill_badges`` command) from the ledger, check-ins and the ``reputation.badge_holders``
hook. Both are idempotent: one row per (person, badge). A badge once earned is kept."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from community import hooks
from community.reputation import rules
from community.reputation.models import Badge, BadgeAward, ReputationEntry, ReputationTotal

FIRST_POST = "first-post"
FIRST_ACCEPTED_FEEDBACK = "first-accepted-feedback"
BUG_HUNTER = "bug-hunter"
RELEASE_CONTRIBUTOR = "release-contributor"
VERIFIED_OWNER = "verified-owner"
BETA_TESTER = "beta-tester"
STREAK_7 = "streak-7"
STREAK_30 = "streak-30"


@dataclass(frozen=True)
class DefaultBadge:
    code: str
    name: str
    icon: str
    description: str
    threshold: int = 1


DEFAULT_BADGES = [
    DefaultBadge(FIRST_POST, "First post", "✍️", "Wrote a first post."),
    DefaultBadge(
        FIRST_ACCEPTED_FEEDBACK, "First accepted feedback", "🎯", "The team accepted feedback you filed."
    ),
    DefaultBadge(BUG_HUNTER, "Bug hunter", "🐞", "Bugs you reported were acknowledged by the team.", 5),
    DefaultBadge(
        RELEASE_CONTRIBUTOR, "Release contributor", "🚀", "Feedback you filed was fixed in a release."
    ),
    DefaultBadge(VERIFIED_OWNER, "Verified owner", "✅", "Owns a product, verified by an order."),
    DefaultBadge(BETA_TESTER, "Beta tester", "🧪", "Admitted to a tester programme."),
    DefaultBadge(STREAK_7, "Week streak", "🔥", "Checked in every day for a week.", 7),
    DefaultBadge(STREAK_30, "Month streak", "🌟", "Checked in every day for thirty days.", 30),
]
# Badges counted from live ledger rows of these rules.
LEDGER_BADGES = {
    FIRST_POST: [rules.POST_CREATED],
    FIRST_ACCEPTED_FEEDBACK: [rules.BUG_ACKNOWLEDGED, rules.SUGGESTION_ACCEPTED],
    BUG_HUNTER: [rules.BUG_ACKNOWLEDGED],
    RELEASE_CONTRIBUTOR: [rules.FEEDBACK_FIXED],
}
STREAK_BADGES = [STREAK_7, STREAK_30]


def badge_row(code: str) -> Badge:
    default = next((badge for badge in DEFAULT_BADGES if badge.code == code), None)
    if default is None:
        return Badge.objects.get(code=code)
    badge, _ = Badge.objects.get_or_create(
        code=code,
        defaults={
            "name": default.name,
            "icon": default.icon,
            "description": default.description,
            "threshold": default.threshold,
            "position": DEFAULT_BADGES.index(default),
        },
    )
    return badge


def ensure_badges() -> dict[str, Badge]:
    return {badge.code: badge_row(badge.code) for badge in DEFAULT_BADGES}


@transaction.atomic
def award_badge(*, user, code: str, now=None) -> BadgeAward | None:
    """Give ``user`` the badge; returns the new award, or None when they already hold it."""
    user_id = getattr(user, "pk", user)
    badge = badge_row(code)
    award, created = BadgeAward.objects.get_or_create(
        user_id=user_id, badge=badge, defaults={"awarded_at": now or timezone.now()}
    )
    return award if created else None


def check_ledger_badges(*, user_id: int, rule: str, now=None) -> list[BadgeAward]:
    """After an award: the ledger badges that count ``rule``, if the person now qualifies."""
    awarded = []
    for code, counted in LEDGER_BADGES.items():
        if rule not in counted:
            continue
        badge = badge_row(code)
        if BadgeAward.objects.filter(user_id=user_id, badge=badge).exists():
            continue
        count = ReputationEntry.objects.filter(
            user_id=user_id, rule__in=counted, reversed_at__isnull=True
        ).count()
        if count >= badge.threshold and (new := award_badge(user=user_id, code=code, now=now)):
            awarded.append(new)
    return awarded


def check_streak_badges(*, user_id: int, streak: int, now=None) -> list[BadgeAward]:
    awarded = []
    for code in STREAK_BADGES:
        if streak >= badge_row(code).threshold and (new := award_badge(user=user_id, code=code, now=now)):
            awarded.append(new)
    return awarded


def holders_from_ledger() -> dict[str, set[int]]:
    badges = ensure_badges()
    holders: dict[str, set[int]] = {}
    for code, counted in LEDGER_BADGES.items():
        holders[code] = set(
            ReputationEntry.objects.filter(rule__in=counted, reversed_at__isnull=True)
            .values("user_id")
            .annotate(n=Count("id"))
            .filter(n__gte=badges[code].threshold)
            .values_list("user_id", flat=True)
        )
    for code in STREAK_BADGES:
        holders[code] = set(
            ReputationTotal.objects.filter(longest_checkin_streak__gte=badges[code].threshold).values_list(
                "user_id", flat=True
            )
        )
    return holders


@transaction.atomic
def backfill_badges(*, now=None) -> dict[str, int]:
    """Award every badge its holders should have; returns the number of new awards per badge."""
    holders = holders_from_ledger()
    for provider in hooks.get("reputation.badge_holders"):
        for code, user_ids in provider().items():
            holders.setdefault(code, set()).update(user_ids)
    now = now or timezone.now()
    created: dict[str, int] = {}
    for code, user_ids in sorted(holders.items()):
        badge = badge_row(code)
        have = set(BadgeAward.objects.filter(badge=badge).values_list("user_id", flat=True))
        missing = sorted(set(user_ids) - have)
        BadgeAward.objects.bulk_create(
            [BadgeAward(user_id=user_id, badge=badge, awarded_at=now) for user_id in missing],
            ignore_conflicts=True,
        )
        created[code] = len(missing)
    return created


def badges_of(user_ids: Iterable[int]) -> dict[int, list[BadgeAward]]:
    result: dict[int, list[BadgeAward]] = {}
    for award in (
        BadgeAward.objects.filter(user_id__in=list(user_ids))
        .select_related("badge")
        .order_by("badge__position", "awarded_at")
    ):
        result.setdefault(award.user_id, []).append(award)
    return result
