import datetime as dt

import pytest
from django.utils import timezone

from community.reputation import rules
from community.reputation.actions.checkins import check_in
from community.reputation.models import CheckIn, ReputationEntry, ReputationTotal
from community.reputation.queries import current_streak

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_checking_in_twice_a_day_changes_nothing(member):
    first = check_in(user=member)
    second = check_in(user=member)

    assert first.created and not second.created and second.points == 0
    assert CheckIn.objects.count() == 1
    assert ReputationTotal.objects.get(user=member).points == 1


def test_streaks_grow_day_by_day_and_break_after_a_missed_day(member):
    start = timezone.now() - 10 * DAY
    for offset in range(3):
        check_in(user=member, now=start + offset * DAY)
    assert ReputationTotal.objects.get(user=member).checkin_streak == 3

    result = check_in(user=member, now=start + 5 * DAY)

    total = ReputationTotal.objects.get(user=member)
    assert result.checkin.streak == 1 and total.checkin_streak == 1 and total.longest_checkin_streak == 3
    assert current_streak(total, today=timezone.localdate(start + 5 * DAY)) == 1
    assert current_streak(total, today=timezone.localdate(start + 8 * DAY)) == 0


def test_every_seventh_day_in_a_row_adds_the_weekly_bonus_and_the_streak_badge(member):
    start = timezone.now() - 7 * DAY
    results = [check_in(user=member, now=start + offset * DAY) for offset in range(7)]

    assert [r.points for r in results] == [1, 1, 1, 1, 1, 1, 6]
    assert ReputationEntry.objects.filter(rule=rules.WEEKLY_BONUS).count() == 1
    assert member.badge_awards.filter(badge__code="streak-7").exists()
    assert ReputationTotal.objects.get(user=member).points == 12
