"""Every badge write: the default badge rows, awards as things happen, and the backfill."""

from django.db import transaction
from django.utils import timezone

from community import hooks
from community.reputation.badges import DEFAULT_BADGES, LEDGER_BADGES, STREAK_BADGES, holders_from_ledger
from community.reputation.models import Badge, BadgeAward, ReputationEntry


def ensure_badge(*, code: str) -> Badge:
    """The badge's row, created from its default when the table lacks it."""
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
    return {badge.code: ensure_badge(code=badge.code) for badge in DEFAULT_BADGES}


@transaction.atomic
def award_badge(*, user, code: str, now=None) -> BadgeAward | None:
    """Give ``user`` the badge; returns the new award, or None when they already hold it."""
    user_id = getattr(user, "pk", user)
    badge = ensure_badge(code=code)
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
        badge = ensure_badge(code=code)
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
        if streak >= ensure_badge(code=code).threshold and (
            new := award_badge(user=user_id, code=code, now=now)
        ):
            awarded.append(new)
    return awarded


@transaction.atomic
def backfill_badges(*, now=None) -> dict[str, int]:
    """Award every badge its holders should have; returns the number of new awards per badge."""
    holders = holders_from_ledger(ensure_badges())
    for provider in hooks.get(hooks.Hook.REPUTATION_BADGE_HOLDERS):
        for code, user_ids in provider().items():
            holders.setdefault(code, set()).update(user_ids)
    now = now or timezone.now()
    created: dict[str, int] = {}
    for code, user_ids in sorted(holders.items()):
        badge = ensure_badge(code=code)
        have = set(BadgeAward.objects.filter(badge=badge).values_list("user_id", flat=True))
        missing = sorted(set(user_ids) - have)
        BadgeAward.objects.bulk_create(
            [BadgeAward(user_id=user_id, badge=badge, awarded_at=now) for user_id in missing],
            ignore_conflicts=True,
        )
        created[code] = len(missing)
    return created
