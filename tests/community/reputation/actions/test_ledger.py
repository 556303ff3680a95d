import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community.reputation import rules
from community.reputation.actions.ledger import award, award_points, restore_entries, reverse_entries
from community.reputation.models import ReputationEntry, ReputationRule, ReputationTotal
from tests.community.reputation.factories import post_source, thread_source, vote_source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def points(user) -> int:
    return ReputationTotal.objects.get(user=user).points


def test_a_vote_received_is_one_ledger_row_and_awarding_it_again_changes_nothing(member, other_member):
    source = vote_source()

    first = award(
        user=member, rule=rules.VOTE_RECEIVED, source=source, actor=other_member, subject="forum.post:1"
    )
    again = award(
        user=member, rule=rules.VOTE_RECEIVED, source=source, actor=other_member, subject="forum.post:1"
    )

    assert first.pk == again.pk
    assert ReputationEntry.objects.filter(user=member).count() == 1
    assert first.points == 2 and first.actor == other_member and first.source_type.model == "vote"
    assert points(member) == 2


def test_voting_for_yourself_earns_nothing(member):
    assert award(user=member, rule=rules.VOTE_RECEIVED, source=vote_source(), actor=member) is None
    assert not ReputationEntry.objects.exists()


def test_a_retracted_vote_is_reversed_and_the_row_kept_with_the_reason(member, other_member):
    source = vote_source()
    award(user=member, rule=rules.VOTE_RECEIVED, source=source, actor=other_member)

    assert reverse_entries(source=source, reason="vote retracted") == 1
    assert reverse_entries(source=source, reason="vote retracted") == 0  # twice changes nothing

    entry = ReputationEntry.objects.get()
    assert entry.reversed_at is not None and entry.reversed_reason == "vote retracted"
    assert points(member) == 0


def test_a_post_removed_for_abuse_reverses_its_votes_and_itself_and_a_restore_brings_them_back(member):
    voters = UserFactory.create_batch(3)
    post = post_source()
    subject = f"forum.post:{post[1]}"
    award(user=member, rule=rules.POST_CREATED, source=post, subject=subject)
    votes = [vote_source() for _ in voters]
    for voter, vote in zip(voters, votes, strict=True):
        award(user=member, rule=rules.VOTE_RECEIVED, source=vote, actor=voter, subject=subject)
    reverse_entries(source=votes[0], reason="vote retracted")
    assert points(member) == 1 + 2 + 2

    assert reverse_entries(subject=subject, reason="post removed for abuse") == 3
    assert points(member) == 0

    assert restore_entries(subject=subject, reason="post removed for abuse") == 3
    assert points(member) == 5  # the retracted vote stays retracted
    assert ReputationEntry.objects.filter(reversed_at__isnull=False).count() == 1


def test_awarding_a_reversed_source_again_restores_the_same_row(member):
    post = post_source()
    award(user=member, rule=rules.POST_CREATED, source=post)
    reverse_entries(source=post, reason="hidden")

    entry = award(user=member, rule=rules.POST_CREATED, source=post)

    assert entry.reversed_at is None and ReputationEntry.objects.count() == 1
    assert points(member) == 1


@pytest.mark.parametrize(
    ("rule", "expected"),
    [(rules.BUG_ACKNOWLEDGED, 10), (rules.SUGGESTION_ACCEPTED, 10), (rules.FEEDBACK_FIXED, 20)],
)
def test_feedback_sources_award_their_rule_and_reverse(member, rule, expected):
    thread = thread_source()
    award(user=member, rule=rule, source=thread, product_id=7)
    assert points(member) == expected

    reverse_entries(source=thread, rule=rule, reason="status reverted")
    assert points(member) == 0


def test_daily_cap_stops_points_and_records_the_capped_award(member):
    voters = UserFactory.create_batch(22)
    now = timezone.now()
    for voter in voters:
        award(user=member, rule=rules.VOTE_RECEIVED, source=vote_source(), actor=voter, now=now)

    assert points(member) == 40  # 20 votes of 2, then the cap
    capped = ReputationEntry.objects.filter(points=0)
    assert capped.count() == 2 and capped.first().note == "daily cap reached"

    award(
        user=member,
        rule=rules.VOTE_RECEIVED,
        source=vote_source(),
        actor=voters[0],
        now=now + dt.timedelta(days=1),
    )
    assert points(member) == 42  # a new day, a new cap


def test_the_cap_counts_only_live_points(member, other_member):
    ReputationRule.objects.filter(code=rules.VOTE_RECEIVED).update(daily_cap=4)
    first, second = vote_source(), vote_source()
    award(user=member, rule=rules.VOTE_RECEIVED, source=first, actor=other_member)
    award(user=member, rule=rules.VOTE_RECEIVED, source=second, actor=other_member)
    reverse_entries(source=first, reason="vote retracted")

    award(user=member, rule=rules.VOTE_RECEIVED, source=vote_source(), actor=other_member)

    assert points(member) == 4


def test_points_follow_the_rules_table_and_an_inactive_rule_awards_nothing(member):
    ReputationRule.objects.filter(code=rules.POST_CREATED).update(points=3)
    award(user=member, rule=rules.POST_CREATED, source=post_source())
    ReputationRule.objects.filter(code=rules.POST_CREATED).update(is_active=False)
    assert award(user=member, rule=rules.POST_CREATED, source=post_source()) is None
    assert points(member) == 3


def test_the_team_awards_points_with_a_reason_never_to_themselves(member, admin_user):
    result = award_points(actor=admin_user, user=member, points=50, reason="Great crash logs")
    assert result.entry.points == 50 and result.entry.note == "Great crash logs"
    assert points(member) == 50

    with pytest.raises(PermissionDenied):
        award_points(actor=admin_user, user=admin_user, points=5, reason="me")
    with pytest.raises(PermissionDenied):
        award_points(actor=member, user=admin_user, points=5, reason="thanks")
    with pytest.raises(ValidationError):
        award_points(actor=admin_user, user=member, points=5, reason=" ")


def test_a_source_must_be_saved_or_named(member):
    from community.reputation.models import ManualAward

    with pytest.raises(ValueError):
        award(user=member, rule=rules.POST_CREATED, source=ManualAward())


def test_closed_accounts_earn_nothing(member, other_member):
    member.is_active = False
    assert award(user=member, rule=rules.VOTE_RECEIVED, source=vote_source(), actor=other_member) is None


def test_the_api_module_names_what_the_forum_and_store_call():
    from community.reputation import api

    assert set(api.__all__) <= set(dir(api))
    assert api.VOTE_RECEIVED == rules.VOTE_RECEIVED
