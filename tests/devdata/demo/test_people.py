from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from community.models import User
from community.teams import ensure_team_group
from devdata.demo.people import EVERYONE, LOGINS, demo_password, ensure_people

pytestmark = pytest.mark.django_db


def test_the_demo_regulars_are_not_new_accounts():
    # Given the demo's people, when they are created
    people, _ = ensure_people(ensure_team_group())
    # Then each joined at least three months ago, so none is held back by the limits for new
    # accounts (uploads, links) and profiles read like a community with history
    assert len(people) == len(EVERYONE)
    assert all(user.date_joined <= timezone.now() - timedelta(days=90) for user in people.values())


def test_everyone_is_created_once_with_their_role_and_a_verified_address():
    team = ensure_team_group()
    people, created = ensure_people(team)

    assert len(people) == len(created) == len(EVERYONE) == len({p.username for p in EVERYONE})
    assert people["admin"].is_superuser and people["admin"].is_staff
    assert people["mira"].is_staff and not people["mira"].is_superuser
    assert list(people["mira"].groups.all()) == [team]
    assert not people["leo"].is_staff and not people["chen_yu"].groups.exists()
    assert people["chen_yu"].display_name == "陈宇"
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == len(EVERYONE)
    assert people["wang.hao"].email == "wang.hao@canopy.localhost"
    assert people["chen_yu"].email == "chen.yu@canopy.localhost"
    assert people["kenji"].check_password(demo_password())
    assert len(set(User.objects.values_list("password", flat=True))) == 1  # one hash for everyone

    again, created_again = ensure_people(team)
    assert created_again == [] and again.keys() == people.keys()
    assert User.objects.count() == len(EVERYONE)


def test_the_password_follows_demo_password(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-secret-2026")
    people, _ = ensure_people(Group.objects.create(name="Team"))
    assert people["leo"].check_password("another-secret-2026")
    assert [person.role for person in LOGINS].count("member") == 5
