from datetime import timedelta

import pytest
from django.utils import timezone

from community.teams import ensure_team_group
from devdata.demo.people import EVERYONE, ensure_people

pytestmark = pytest.mark.django_db


def test_the_demo_regulars_are_not_new_accounts():
    # Given the demo's people, when they are created
    people, _ = ensure_people(ensure_team_group())
    # Then each joined at least three months ago, so none is held back by the limits for new
    # accounts (uploads, links) and profiles read like a community with history
    assert len(people) == len(EVERYONE)
    assert all(user.date_joined <= timezone.now() - timedelta(days=90) for user in people.values())
