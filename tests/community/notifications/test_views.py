import pytest

from community.notifications.actions import notify
from community.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db


def test_centre_lists_and_badge_counts(member_client, member):
    notify(recipient_ids=[member.pk], kind="MENTION", text="Sofia mentioned you", url="/forum/")
    page = member_client.get("/notifications/").content.decode()
    assert "Sofia mentioned you" in page and "data-unread-notifications>1<" in page
    note = Notification.objects.get()
    response = member_client.get(f"/notifications/{note.pk}/")
    assert response.url == "/forum/"
    assert "data-unread-notifications" not in member_client.get("/notifications/").content.decode()


def test_someone_elses_notification_is_404(member_client, other_member):
    [note] = notify(recipient_ids=[other_member.pk], kind="MENTION", text="Private", url="/forum/")
    assert member_client.get(f"/notifications/{note.pk}/").status_code == 404


def test_offsite_urls_are_not_followed(member_client, member):
    [note] = notify(recipient_ids=[member.pk], kind="MENTION", text="x", url="//evil.example/")
    assert member_client.get(f"/notifications/{note.pk}/").url == "/"


def test_preferences_form(member_client, member):
    response = member_client.post("/notifications/preferences/", {"REPLY": "DAILY"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=member, kind="REPLY").email_mode == "DAILY"
    response = member_client.post("/notifications/preferences/", {"REPLY": "SOMETIMES"})
    assert response.status_code == 400 and response.context["errors"]


def test_centre_needs_sign_in(client):
    assert client.get("/notifications/").status_code == 302
