import pytest

from community.models import User
from community.profiles import models as profiles
from community.profiles.models import Follow, Profile
from community.reputation.actions.synchronize import synchronize_totals
from community.reputation.models import BadgeAward, CheckIn, ManualAward, ReputationTotal
from community.teams import ensure_team_group
from devdata.demo.people import EVERYONE, ensure_people
from devdata.demo.standing import DEMO_STANDING, FOLLOWS, seed_standing

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    people, _ = ensure_people(ensure_team_group())
    return people


def rows():
    return [model.objects.count() for model in (CheckIn, ManualAward, Profile, Follow, profiles.TesterApplication, BadgeAward)]


def test_members_stand_at_different_levels_with_profiles_follows_and_a_tester_programme(people):
    seed_standing(people, EVERYONE)

    leo, sofia = people["leo"], people["sofia"]
    assert CheckIn.objects.filter(user=leo).count() == DEMO_STANDING["leo"][0] == 31
    assert ReputationTotal.objects.get(user=leo).points > ReputationTotal.objects.get(user=sofia).points > 0
    assert ManualAward.objects.filter(user=leo).count() == 3
    assert BadgeAward.objects.filter(user=leo).exists()  # a 30-day check-in streak earns its badges
    assert Profile.objects.get(user=leo).bio.startswith("Tinkerer")
    assert Profile.objects.get(user=people["chen_yu"]).location == "深圳"
    assert not Profile.objects.filter(user__username="liu_yang").exclude(location="成都").exists()
    assert Follow.objects.count() == len(FOLLOWS)
    programme = profiles.TesterProgramme.objects.get(slug="weekly-beta")
    decided = dict(profiles.TesterApplication.objects.filter(programme=programme).values_list("user__username", "status"))
    assert decided.keys() == {"leo", "amara", "jonas", "sofia"}
    assert decided["leo"] != decided["sofia"]  # admitted, and still waiting
    assert synchronize_totals(fix=False) == []

    before = rows()
    seed_standing(people, EVERYONE)
    assert rows() == before


def test_the_team_can_run_the_programme(people):
    seed_standing(people, EVERYONE)
    mira = User.objects.get(username="mira")
    assert mira.has_perm("profiles.manage_testers") and mira.has_perm("reputation.add_manualaward")
