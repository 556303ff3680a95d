import io

import pytest
from django.apps import apps
from django.core.management import call_command

from community.models import HomePage, User
from community.teams import team_group_name

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_seed_demo_twice_leaves_the_same_rows():
    first = io.StringIO()
    call_command("seed_demo", stdout=first)
    after_first = row_counts()

    second = io.StringIO()
    call_command("seed_demo", stdout=second)

    assert row_counts() == after_first
    assert "7 new accounts" in first.getvalue()
    assert "0 new accounts" in second.getvalue()


def test_seed_demo_creates_an_admin_a_team_member_and_members_who_can_sign_in(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    assert User.objects.get(username="admin").is_superuser
    team = User.objects.get(username="mira")
    assert team.is_staff and team.groups.filter(name=team_group_name()).exists()
    assert User.objects.filter(is_staff=False).count() >= 5
    assert HomePage.objects.get().body
    assert "password for all of them" in out.getvalue()

    response = client.post("/accounts/login/", {"login": "leo", "password": "canopy-demo-2026"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert client.get("/cms/").status_code == 302  # members do not get the team's admin
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": "mira", "password": "canopy-demo-2026"})
    assert client.get("/cms/").status_code == 200


def test_seed_demo_refuses_production_settings(settings):
    from django.core.management.base import CommandError

    settings.CANOPY_ENV = "production"

    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=io.StringIO())
