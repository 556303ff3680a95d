import json

import pytest

from community import hooks
from community.notifications.actions import notify
from community.profiles import data
from community.profiles.actions.profile import update_profile
from community.reputation import rules

pytestmark = pytest.mark.django_db


def test_export_contains_the_persons_data_and_nobody_elses(zoe):
    def forum_section(user):
        return {"posts": [{"author": user.username}]}

    hooks.register(hooks.Hook.PROFILES_EXPORT, forum_section)
    try:
        exported = json.loads(data.export_json(zoe))
    finally:
        hooks.unregister(hooks.Hook.PROFILES_EXPORT, forum_section)

    assert exported["account"]["email"] == "zoe.secret@example.com"
    assert exported["profile"]["bio"] == "unique bio of zoe"
    assert exported["declared_products"][0]["product_id"] == 4
    assert exported["following"] == ["bystander"]
    assert exported["tester_applications"][0]["motivation"] == "zoe wants to test"
    assert {row["rule"] for row in exported["reputation"]["ledger"]} == {
        rules.VOTE_RECEIVED,
        rules.POST_CREATED,
        rules.MODERATOR_AWARD,
        rules.DAILY_CHECKIN,
    }
    assert exported["reputation"]["badges"] and exported["reputation"]["checkins"]
    assert exported["posts"] == [{"author": "zoe-private"}]
    text = json.dumps(exported)
    assert "bystander@example.com" not in text and "bystander's own note" not in text


def test_export_view_downloads_a_json_file(client, zoe):
    client.force_login(zoe)
    response = client.get("/people/me/data/export/")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["account"]["username"] == "zoe-private"


def test_the_export_names_the_actors_of_notifications_as_they_are_called_now(zoe):
    bystander = type(zoe).objects.get(username="bystander")
    notify(
        recipient_ids=[zoe.pk],
        kind="MENTION",
        text="mentioned you",
        url="/y/",
        actor=bystander,
        text_follows_actor=True,
    )
    update_profile(
        user=bystander,
        display_name="Bea Renamed",
        bio="",
        location="",
        links=[],
        details_visibility="EVERYONE",
        show_owned_products=False,
        show_activity=False,
        show_follows=False,
    )

    exported = data.export_data(zoe)

    texts = {row["text"] for row in exported["notifications"]}
    assert "Bea Renamed mentioned you" in texts and "Zoe Secretname got a reply" in texts
