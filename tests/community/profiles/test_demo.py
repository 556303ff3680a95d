import io

import pytest
from django.apps import apps

from community.demo import seed_community
from community.profiles import models as profile_models
from community.profiles.demo import seed_people_demo
from community.reputation import levels
from community.reputation.actions.synchronize import synchronize_totals
from community.reputation.models import BadgeAward

pytestmark = pytest.mark.django_db


def counts():
    return {
        m._meta.label: m._default_manager.count() for m in apps.get_app_config("reputation").get_models()
    } | {m._meta.label: m._default_manager.count() for m in apps.get_app_config("profiles").get_models()}


def test_demo_people_across_levels_with_badges_and_a_running_programme():
    seed_community(io.StringIO())
    seed_people_demo(stdout=io.StringIO())
    first = counts()
    seed_people_demo(stdout=io.StringIO())

    assert counts() == first
    from community.models import User

    titles = {levels.standing(u).level.number for u in User.objects.filter(is_staff=False)}
    assert len(titles) >= 4
    assert BadgeAward.objects.filter(badge__code="beta-tester").count() == 2
    assert profile_models.TesterApplication.objects.filter(status="PENDING").count() == 2
    assert synchronize_totals(fix=False) == []
