"""Profile read paths: the person card (community.profiles.queries.person_card)."""

import pytest
from django.http import Http404

from community.profiles.actions import profile as actions
from community.profiles.queries import person_card
from community.reputation import levels
from community.reputation.models import ReputationTotal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# the person with avatar, points, team flag, followers and the reader's follow; their badges; the
# store's owned products (the profiles.owned_products hook)
PERSON_CARD_QUERIES = 3


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_person_card_runs_a_fixed_number_of_queries(
    member, other_member, signed_in, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    ReputationTotal.objects.create(user=other_member, points=60)
    actions.follow(follower=member, followed=other_member)
    levels.cached_level_table()
    viewer = member if signed_in else AnonymousUser()
    with django_assert_num_queries(PERSON_CARD_QUERIES):
        card = person_card(username=other_member.username, viewer=viewer)
    assert card.level.title == "Member" and card.points == 60 and card.followers_count == 1
    assert card.progress == 50  # 60 of the way from 20 to 100
    assert card.viewer_follows is signed_in and not card.is_self and not card.is_team


def test_hidden_products_stay_hidden_and_closed_accounts_are_not_found(member, other_member, monkeypatch):
    from community import hooks

    calls = []
    monkeypatch.setattr(
        hooks,
        "get",
        lambda name: [
            lambda user: calls.append(user) or [{"product_id": 1, "name": "Aurora", "url": "/store/aurora/"}]
        ],
    )
    profile = actions.ensure_profile(user=other_member)
    profile.show_owned_products = False
    profile.save()
    assert person_card(username=other_member.username, viewer=member).verified_products == []
    assert (
        person_card(username=other_member.username, viewer=other_member).verified_products[0]["name"]
        == "Aurora"
    )
    other_member.is_active = False
    other_member.save()
    with pytest.raises(Http404):
        person_card(username=other_member.username, viewer=member)
    with pytest.raises(Http404):
        person_card(username="nobody-here", viewer=member)


def test_the_top_level_shows_a_full_bar():
    top = UserFactory(username="legend")
    ReputationTotal.objects.create(user=top, points=50_000)
    card = person_card(username="legend", viewer=None)
    assert card.level.next_points is None and card.progress == 100 and card.progress_step == 100
