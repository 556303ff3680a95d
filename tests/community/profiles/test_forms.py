"""Profile forms: a display name (and the other one-line fields) refuse line breaks and control
characters; a name with CR/LF made every notification mail about that person fail."""

import pytest

from community.models import User
from community.profiles.forms import ApplicationForm, ProfileForm

BAD = [
    "Eve\r\nBcc: spam@example.com",
    "Eve\n",
    "Eve\x00",
    "Eve\x1b[31m",
    "Eve\tAdmin",
    "Eve\u0085",
    "Eve\x7f",
]


@pytest.mark.parametrize("name", BAD)
def test_display_name_refuses_control_characters(name):
    form = ProfileForm({"display_name": name, "details_visibility": "EVERYONE"})
    assert not form.is_valid()
    assert "line breaks and control characters" in form.errors["display_name"][0]


def test_display_name_accepts_ordinary_names():
    for name in ["Eve", "Zoë O'Neil", "李雷", "Ana María 🌱", ""]:
        form = ProfileForm({"display_name": name, "details_visibility": "EVERYONE"})
        assert form.is_valid(), (name, form.errors)


def test_location_and_device_refuse_control_characters():
    assert "location" in ProfileForm({"location": "Paris\r\n", "details_visibility": "EVERYONE"}).errors
    assert "setup" in ApplicationForm({"motivation": "I test a lot", "setup": "A14\nV14"}).errors


@pytest.mark.django_db
def test_the_settings_page_refuses_a_name_with_a_line_break(client, member):
    client.force_login(member)
    response = client.post(
        "/people/me/edit/", {"display_name": "Mem\r\nBcc: x@example.com", "details_visibility": "EVERYONE"}
    )
    assert response.status_code in {200, 400}
    assert "line breaks and control characters" in response.content.decode()
    assert User.objects.get(pk=member.pk).display_name == member.display_name


@pytest.mark.django_db
def test_the_profile_action_refuses_them_too(member):
    """The action re-checks: the API and the demo seeder do not go through the form."""
    from django.core.exceptions import ValidationError

    from community.profiles.actions.profile import update_profile

    with pytest.raises(ValidationError):
        update_profile(
            user=member,
            display_name="Eve\r\nBcc: x@example.com",
            bio="",
            location="",
            links=[],
            details_visibility="EVERYONE",
            show_owned_products=True,
            show_activity=True,
            show_follows=True,
        )
    assert User.objects.get(pk=member.pk).display_name == member.display_name
