import io
import random

import pytest
from django.core.management import call_command

from community.reputation import rules
from community.reputation.actions.checkins import check_in
from community.reputation.actions.ledger import award, reverse_entries
from community.reputation.actions.synchronize import synchronize_totals
from community.reputation.models import ReputationTotal
from tests.community.reputation.factories import post_source, vote_source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_recount_matches_the_ledger_after_random_actions():
    rng = random.Random(7)
    people = UserFactory.create_batch(5)
    awarded = []
    for _ in range(120):
        recipient, actor = rng.choice(people), rng.choice(people)
        roll = rng.random()
        if roll < 0.5:
            source = vote_source()
            award(
                user=recipient, rule=rules.VOTE_RECEIVED, source=source, actor=actor, subject="forum.post:1"
            )
            awarded.append(source)
        elif roll < 0.7:
            award(user=recipient, rule=rules.POST_CREATED, source=post_source())
        elif roll < 0.8:
            check_in(user=recipient)
        elif awarded:
            reverse_entries(source=awarded.pop(rng.randrange(len(awarded))), reason="vote retracted")
    assert synchronize_totals(fix=False) == []

    ReputationTotal.objects.filter(user=people[0]).update(points=999)
    drift = synchronize_totals(fix=False)
    assert [(d.user_id, d.stored) for d in drift] == [(people[0].pk, 999)]

    out = io.StringIO()
    call_command("reputation_recount", stdout=out)
    assert f"user {people[0].pk}: stored 999" in out.getvalue()
    assert "1 drifted totals repaired" in out.getvalue()
    assert synchronize_totals(fix=False) == []
