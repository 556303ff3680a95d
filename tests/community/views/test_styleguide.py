"""The style guide (/styleguide/): every component in light and dark, for the product team only."""

import re

import pytest
from django.contrib.auth.models import Group

from community.teams import team_group_name
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
COMPONENTS = [
    "icon", "avatar", "person", "person_card", "button", "badge", "status_chip", "card", "list_row",
    "tabs", "empty_state", "pagination", "toast",
]  # fmt: skip


def test_others_cannot_see_the_style_guide(client, member):
    assert client.get("/styleguide/").status_code == 302  # sign in first
    client.force_login(member)
    assert client.get("/styleguide/").status_code == 403


@pytest.mark.parametrize("role", ["group", "staff"])
def test_the_team_sees_every_component_in_light_and_dark(client, role):
    person = UserFactory(username="tara", display_name="Tara Team", is_staff=role == "staff")
    if role == "group":
        person.groups.add(Group.objects.get_or_create(name=team_group_name())[0])
    client.force_login(person)

    html = client.get("/styleguide/").content.decode()

    assert 'class="sg-pane sg-pane--light"' in html and 'class="sg-pane sg-pane--dark"' in html
    markers = {
        "icon": 'class="icon ', "avatar": 'class="avatar ', "person": 'class="person ',
        "person_card": 'class="person-card"', "button": 'class="btn ', "badge": 'class="badge ',
        "status_chip": 'class="chip ', "card": 'class="ui-card', "list_row": 'class="ui-row',
        "tabs": 'class="tabs"', "empty_state": 'class="empty-state"', "pagination": 'class="pagination"',
        "toast": 'class="toast ',
    }  # fmt: skip
    assert set(markers) == set(COMPONENTS)
    for component, marker in markers.items():
        assert html.count(marker) >= 2, component  # once per scheme at least
    assert "Tara Team" in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # the two panes do not repeat ids
