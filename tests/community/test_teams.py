"""The product team's group: created and granted on every migrate, named by CANOPY_TEAM_GROUP."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

from community import hooks
from community.teams import ensure_team_group, team_group_name, team_permission_names

pytestmark = pytest.mark.django_db


def test_a_fresh_install_has_the_team_group_with_every_app_s_permissions():
    # Given the test database, made by migrate like any fresh install
    group = Group.objects.get(name="Product team")

    granted = {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }

    assert set(team_permission_names()) <= granted
    assert {
        "wagtailadmin.access_admin",
        "feedback.add_release",
        "feedback.change_release",
        "feedback.publish_release",
        "feedback.change_status",
        "store.change_product",
        "store.change_order",
        "store.change_drop",
        "forum.moderate_forum",
    } <= granted


def test_the_group_name_comes_from_the_setting(settings):
    settings.CANOPY_TEAM_GROUP = "Ship crew"

    group = ensure_team_group()

    assert team_group_name() == "Ship crew" and group.name == "Ship crew"
    assert group.permissions.filter(codename="publish_release").exists()


def test_ensuring_twice_keeps_one_group_and_a_hand_granted_permission():
    group = ensure_team_group()
    extra = group.permissions.model.objects.get(codename="delete_release")
    group.permissions.add(extra)

    again = ensure_team_group()

    assert again.pk == group.pk and Group.objects.filter(name=team_group_name()).count() == 1
    assert again.permissions.filter(pk=extra.pk).exists()


def test_a_misspelt_team_permission_is_an_error_not_a_silent_gap():
    def misspelt():
        return ["feedback.publish_relase"]

    hooks.register(hooks.Hook.TEAM_PERMISSIONS, misspelt)
    try:
        with pytest.raises(ImproperlyConfigured, match=r"feedback\.publish_relase"):
            ensure_team_group()
    finally:
        hooks.unregister(hooks.Hook.TEAM_PERMISSIONS, misspelt)


def test_the_team_is_staff_superusers_and_the_team_group():
    from django.contrib.auth.models import AnonymousUser

    from community.teams import is_team_member
    from tests.factories import UserFactory

    grouped = UserFactory(username="grouped")
    grouped.groups.add(Group.objects.get(name=team_group_name()))
    assert is_team_member(grouped) and is_team_member(UserFactory(username="staffer", is_staff=True))
    assert not is_team_member(UserFactory(username="plain")) and not is_team_member(AnonymousUser())
    grouped.is_active = False
    assert not is_team_member(grouped)


def test_the_team_s_admin_shows_no_gravatar(client):
    """The CSP allows no third-party image, and Gravatar would learn a hash of each address."""
    from tests.factories import UserFactory

    member = UserFactory(username="teamer")
    member.groups.add(Group.objects.get(name=team_group_name()))
    client.force_login(member)
    response = client.get("/cms/")
    assert response.status_code == 200
    assert b"gravatar" not in response.content.lower()
