"""The caller's profile, notifications, reputation and badges through the API, against the document."""

import pytest

from community.notifications.actions import notify
from community.notifications.models import Notification, NotificationKind
from tests.api.contract import check, covers

pytestmark = pytest.mark.django_db


@covers("GET me", "GET me/reputation", "GET me/badges")
def test_me(api, member_api, member):
    body = check(member_api.get("me"), "GET me")
    assert body["username"] == "member" and body["reputation"]["level"]["number"] == 1
    assert check(member_api.get("me/reputation"), "GET me/reputation")["points"] == 0
    assert check(member_api.get("me/badges"), "GET me/badges") == {"items": []}
    assert check(api.get("me"), "GET me")["status"] == 401


@covers("GET me/notifications", "POST me/notifications/read")
def test_notifications_list_and_mark_read(member_api, member, settings):
    for n in range(3):
        notify(recipient_ids=[member.pk], kind=NotificationKind.REPLY, text=f"Reply {n}", url="/forum/")
    body = check(member_api.get("me/notifications?show=replies"), "GET me/notifications")
    assert [row["text"] for row in body["items"]] == ["Reply 2", "Reply 1", "Reply 0"] and body["has_unread"]
    first = body["items"][0]["id"]
    assert check(
        member_api.post("me/notifications/read", {"ids": [first]}), "POST me/notifications/read"
    ) == {"marked": 1}
    assert check(member_api.post("me/notifications/read", {}), "POST me/notifications/read") == {"marked": 2}
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
