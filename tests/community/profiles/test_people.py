"""The person component's data read with the rows (community/profiles/people.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.template.loader import render_to_string
from wagtail.models import Site

from community.profiles.people import attach_people, person_key, person_summary, with_people
from community.reputation import levels
from community.reputation.models import LevelSettings, ReputationTotal
from community.teams import team_group_name
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    team = UserFactory(username="tamsin", display_name="Tamsin")
    team.groups.add(Group.objects.get_or_create(name=team_group_name())[0])
    staff = UserFactory(username="stella", is_staff=True)
    regular = UserFactory(username="rui", display_name="Rui Costa")
    ReputationTotal.objects.create(user=regular, points=150)
    return team, staff, regular


def test_with_people_brings_avatar_points_and_team_in_one_query(people, django_assert_num_queries):
    levels.cached_level_table()  # the table is cached once for every page
    with django_assert_num_queries(1):
        rows = list(with_people(get_user_model().objects.filter(username__in=["tamsin", "stella", "rui"])))
        attach_people(rows)
        html = "".join(render_to_string("components/person.html", {"person": row}) for row in rows)
    by_name = {row.username: person_summary(row) for row in rows}
    assert by_name["tamsin"]["team"] and by_name["stella"]["team"] and not by_name["rui"]["team"]
    assert by_name["rui"]["level"].title == "Regular"  # 150 points on the built-in ladder
    assert by_name["tamsin"]["level"].number == 1  # no points yet: level 1, not unknown
    assert html.count("mark--team") == 2 and "Lv 3 · Regular" in html
    assert 'href="/people/rui/"' in html and 'data-card="/people/rui/card/"' in html


def test_a_row_without_the_points_shows_no_level_and_runs_no_query(people, django_assert_num_queries):
    _, _, regular = people
    person = get_user_model().objects.get(pk=regular.pk)
    with django_assert_num_queries(0):
        summary = person_summary(person)
    assert summary["level"] is None and summary["name"] == "Rui Costa"


def test_the_level_table_is_cached_until_the_settings_change(django_assert_num_queries):
    levels.cached_level_table()
    with django_assert_num_queries(0):
        assert levels.cached_level_table()[0] == ("Newcomer", 0)
    settings = LevelSettings.for_site(Site.objects.get(is_default_site=True))
    settings.levels = [
        ("level", {"title": "Sprout", "min_points": 0}),
        ("level", {"title": "Tree", "min_points": 5}),
    ]
    settings.save()
    assert [title for title, _ in levels.cached_level_table()] == ["Sprout", "Tree"]


def test_the_fragment_key_follows_what_the_component_shows(people):
    _, _, regular = people
    row = with_people(get_user_model().objects.filter(pk=regular.pk)).get()
    before = person_key(row)
    ReputationTotal.objects.filter(user=regular).update(points=400)
    after = person_key(with_people(get_user_model().objects.filter(pk=regular.pk)).get())
    assert before != after and person_key(None) == ()
