"""The daily check-in: one a day, a streak of consecutive days, a bonus every seventh day."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from community.reputation import rules
from community.reputation.actions.badges import check_streak_badges
from community.reputation.actions.ledger import award, locked_total
from community.reputation.models import CheckIn, ReputationTotal

BONUS_EVERY = 7


@dataclass(frozen=True)
class CheckInResult:
    checkin: CheckIn
    created: bool
    points: int


@transaction.atomic
def check_in(*, user, now=None) -> CheckInResult:
    """Check ``user`` in for today. Twice in a day changes nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    total = locked_total(user.pk)
    existing = CheckIn.objects.filter(user=user, day=today).first()
    if existing is not None:
        return CheckInResult(checkin=existing, created=False, points=0)
    streak = total.checkin_streak + 1 if total.last_checkin_on == today - timedelta(days=1) else 1
    checkin = CheckIn.objects.create(user=user, day=today, streak=streak, created_at=now)
    ReputationTotal.objects.filter(user_id=user.pk).update(
        checkin_streak=streak,
        last_checkin_on=today,
        longest_checkin_streak=Greatest(F("longest_checkin_streak"), streak),
    )
    entries = [award(user=user, rule=rules.DAILY_CHECKIN, source=checkin, now=now)]
    if streak % BONUS_EVERY == 0:
        entries.append(award(user=user, rule=rules.WEEKLY_BONUS, source=checkin, now=now))
    check_streak_badges(user_id=user.pk, streak=streak, now=now)
    return CheckInResult(checkin=checkin, created=True, points=sum(e.points for e in entries if e))
