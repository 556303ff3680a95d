import pytest
from django.contrib.auth.models import AnonymousUser

from community.reputation import levels
from community.reputation.actions.ledger import award_points, reverse_entries
from community.reputation.levels import has_ability, report_weight

pytestmark = pytest.mark.django_db


@pytest.fixture
def ladder():
    settings = levels.level_settings()
    settings.levels = [
        ("level", {"title": "Seedling", "min_points": 0}),
        ("level", {"title": "Sapling", "min_points": 10}),
        ("level", {"title": "Tree", "min_points": 50}),
    ]
    settings.post_links_level = 2
    settings.start_polls_level = 3
    settings.save()
    return settings


def fresh(user):
    levels.forget_standing(user)
    return user


def test_thresholds_unlock_and_relock_abilities(member, admin_user, ladder):
    assert levels.standing(member).level.title == "Seedling"
    assert not has_ability(member, "post_links")

    grant = award_points(actor=admin_user, user=member, points=12, reason="Helpful")
    assert levels.standing(fresh(member)).level.title == "Sapling"
    assert has_ability(member, "post_links") and not has_ability(member, "start_polls")

    award_points(actor=admin_user, user=member, points=40, reason="More help")
    assert has_ability(fresh(member), "start_polls")
    assert levels.standing(member).level.next_points is None

    reverse_entries(source=grant.manual, reason="Awarded by mistake")
    fresh(member)
    assert levels.standing(member).points == 40
    assert levels.standing(member).level.title == "Sapling"
    assert has_ability(member, "post_links") and not has_ability(member, "start_polls")


def test_the_built_in_ladder_is_used_when_the_setting_is_empty(member):
    assert levels.level_table()[0] == ("Newcomer", 0)
    assert levels.level_for_points(150, levels.DEFAULT_LEVELS).title == "Regular"


def test_the_team_has_every_ability_and_anonymous_people_none(admin_user):
    assert all(has_ability(admin_user, name) for name in levels.ABILITIES)
    assert report_weight(admin_user) == 2
    assert not has_ability(AnonymousUser(), "post_links")
    assert report_weight(AnonymousUser()) == 1


def test_an_unknown_ability_is_a_programming_error(member):
    with pytest.raises(ValueError, match="post_links"):
        has_ability(member, "fly")


def test_standing_is_computed_once_per_user_object(member, django_assert_num_queries):
    levels.standing(member)
    with django_assert_num_queries(0):
        for name in levels.ABILITIES:
            has_ability(member, name)
