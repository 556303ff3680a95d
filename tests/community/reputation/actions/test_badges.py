import io

import pytest
from django.core.management import call_command

from community import hooks
from community.reputation import badges, rules
from community.reputation.actions.badges import award_badge, backfill_badges
from community.reputation.actions.ledger import award
from community.reputation.models import BadgeAward
from tests.community.reputation.factories import post_source, thread_source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def codes(user) -> set[str]:
    return set(BadgeAward.objects.filter(user=user).values_list("badge__code", flat=True))


def test_actions_award_ledger_badges_once(member):
    award(user=member, rule=rules.POST_CREATED, source=post_source())
    award(user=member, rule=rules.POST_CREATED, source=post_source())
    for _ in range(4):
        award(user=member, rule=rules.BUG_ACKNOWLEDGED, source=thread_source())
    assert codes(member) == {badges.FIRST_POST, badges.FIRST_ACCEPTED_FEEDBACK}

    award(user=member, rule=rules.BUG_ACKNOWLEDGED, source=thread_source())
    award(user=member, rule=rules.FEEDBACK_FIXED, source=thread_source())

    assert codes(member) == {
        badges.FIRST_POST,
        badges.FIRST_ACCEPTED_FEEDBACK,
        badges.BUG_HUNTER,
        badges.RELEASE_CONTRIBUTOR,
    }
    assert BadgeAward.objects.filter(user=member).count() == 4


def test_award_badge_is_idempotent(member):
    assert award_badge(user=member, code=badges.VERIFIED_OWNER) is not None
    assert award_badge(user=member, code=badges.VERIFIED_OWNER) is None
    assert BadgeAward.objects.count() == 1


def test_backfill_finds_missing_badges_and_a_second_run_changes_nothing(member):
    owner = UserFactory()
    award(user=member, rule=rules.POST_CREATED, source=post_source())
    award(user=member, rule=rules.FEEDBACK_FIXED, source=thread_source())
    BadgeAward.objects.all().delete()  # as if the ledger predated the badges

    def store_owners():
        return {badges.VERIFIED_OWNER: {owner.pk}}

    hooks.register(hooks.Hook.REPUTATION_BADGE_HOLDERS, store_owners)
    try:
        out = io.StringIO()
        call_command("reputation_backfill_badges", stdout=out)
        first = set(BadgeAward.objects.values_list("user_id", "badge__code"))
        again = backfill_badges()
    finally:
        hooks.unregister(hooks.Hook.REPUTATION_BADGE_HOLDERS, store_owners)

    assert (member.pk, badges.FIRST_POST) in first
    assert (member.pk, badges.RELEASE_CONTRIBUTOR) in first
    assert (owner.pk, badges.VERIFIED_OWNER) in first
    assert "new awards" in out.getvalue()
    assert sum(again.values()) == 0
    assert set(BadgeAward.objects.values_list("user_id", "badge__code")) == first
