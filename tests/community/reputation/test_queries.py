import datetime as dt

import pytest
from django.utils import timezone

from community.reputation import rules
from community.reputation.actions.ledger import award, reverse_entries
from community.reputation.queries import leaderboard, period_start, top_contributors
from tests.community.reputation.factories import thread_source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def board(**kwargs):
    return [(row.user.username, row.points) for row in leaderboard(**kwargs)]


def test_leaderboards_by_period_and_product_from_the_ledger():
    ana, bo, cy = (UserFactory(username=name) for name in ("ana", "bo", "cy"))
    now = timezone.now()
    long_ago = period_start("month", now=now) - dt.timedelta(days=40)
    award(user=ana, rule=rules.FEEDBACK_FIXED, source=thread_source(), product_id=1, now=now)
    award(user=bo, rule=rules.BUG_ACKNOWLEDGED, source=thread_source(), product_id=2, now=now)
    award(user=cy, rule=rules.FEEDBACK_FIXED, source=thread_source(), product_id=1, now=long_ago)
    award(user=cy, rule=rules.FEEDBACK_FIXED, source=thread_source(), product_id=1, now=long_ago)
    gone = thread_source()
    award(user=bo, rule=rules.FEEDBACK_FIXED, source=gone, product_id=1, now=now)
    reverse_entries(source=gone, reason="reopened")

    assert board(period="week", now=now) == [("ana", 20), ("bo", 10)]
    assert board(period="month", now=now) == [("ana", 20), ("bo", 10)]
    assert board(period="all") == [("cy", 40), ("ana", 20), ("bo", 10)]
    assert board(period="all", product_id=1) == [("cy", 40), ("ana", 20)]
    assert board(period="week", product_id=2, now=now) == [("bo", 10)]
    assert top_contributors(product_id=1, limit=1) == [cy.pk]


def test_the_week_starts_on_monday():
    wednesday = timezone.make_aware(dt.datetime(2026, 11, 18, 15, 0))
    assert period_start("week", now=wednesday).date() == dt.date(2026, 11, 16)
    assert period_start("month", now=wednesday).date() == dt.date(2026, 11, 1)


def test_the_leaderboard_runs_two_queries_whatever_the_number_of_people(django_assert_num_queries):
    for person in UserFactory.create_batch(8):
        award(user=person, rule=rules.FEEDBACK_FIXED, source=thread_source())
    with django_assert_num_queries(2):
        assert len(leaderboard(period="week")) == 8
