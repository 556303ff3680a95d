"""Badges: who earns what. Awarded by actions as things happen, and by ``backfill_badges`` (the
``reputation_backfill_badges`` command) from the ledger, check-ins and the ``reputation.badge_holders``
hook; both in ``community.reputation.actions.badges``. Both are idempotent: one row per (person,
badge). A badge once earned is kept."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

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


def holders_from_ledger(badges: dict[str, Badge]) -> dict[str, set[int]]:
    """Who should hold each ledger and streak badge, given the badge rows (for their thresholds)."""
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


def badges_of(user_ids: Iterable[int]) -> dict[int, list[BadgeAward]]:
    result: dict[int, list[BadgeAward]] = {}
    for award in (
        BadgeAward.objects.filter(user_id__in=list(user_ids))
        .select_related("badge")
        .order_by("badge__position", "awarded_at")
    ):
        result.setdefault(award.user_id, []).append(award)
    return result
