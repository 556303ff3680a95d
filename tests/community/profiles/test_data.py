import json

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models

from community import hooks
from community.notifications.actions import notify
from community.profiles import actions, data, testers
from community.profiles import models as profile_models
from community.reputation import rules
from community.reputation.checkins import check_in
from community.reputation.ledger import award, award_points
from tests.community.profiles.test_actions import png
from tests.community.reputation.factories import post_source, vote_source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SECRETS = [
    "zoe-private",
    "zoe.secret@example.com",
    "Zoe Secretname",
    "unique bio of zoe",
    "Secretville",
    "zoe.example",
    "zoe wants to test",
]


@pytest.fixture
def zoe(admin_user):
    person = UserFactory(
        username="zoe-private", email="zoe.secret@example.com", display_name="Zoe Secretname"
    )
    actions.update_profile(
        user=person,
        display_name="Zoe Secretname",
        bio="unique bio of zoe",
        location="Secretville",
        links=["https://zoe.example/"],
        details_visibility="EVERYONE",
        show_owned_products=True,
        show_activity=True,
        show_follows=True,
    )
    actions.set_avatar(user=person, upload=png(64, 64))
    actions.declare_product(user=person, product_id=4)
    other = UserFactory(username="bystander", email="bystander@example.com")
    actions.follow(follower=person, followed=other)
    actions.follow(follower=other, followed=person)
    award(user=person, rule=rules.VOTE_RECEIVED, source=vote_source(), actor=other)
    award(
        user=other, rule=rules.VOTE_RECEIVED, source=vote_source(), actor=person, note="bystander's own note"
    )
    award(user=person, rule=rules.POST_CREATED, source=post_source())
    award_points(actor=admin_user, user=person, points=9, reason="thanks zoe.example")
    check_in(user=person)
    programme = profile_models.TesterProgramme.objects.create(name="Beta", slug="beta", rules="r")
    testers.admit(
        actor=admin_user,
        application=testers.apply(user=person, programme=programme, motivation="zoe wants to test"),
    )
    notify(recipient_ids=[person.pk], kind="REPLY", text="Zoe Secretname got a reply", url="/x/", actor=other)
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": "zoe-totp"})
    return person


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


def _text_rows():
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField, models.FileField))
        ]
        if fields:
            for row in model._default_manager.values_list(*fields):
                yield model._meta.label, " ".join(str(value) for value in row)


def test_deleting_the_account_leaves_no_personal_data_behind(client, zoe):
    client.force_login(zoe)
    assert Session.objects.count() == 1
    calls = []

    def record(**kw):
        calls.append(kw)

    hooks.register(hooks.Hook.PROFILES_ACCOUNT_DELETED, record)
    try:
        response = client.post(
            "/people/me/data/",
            {"password": "correct-horse-battery-staple", "content": "remove", "confirm": "on"},
        )
    finally:
        hooks.unregister(hooks.Hook.PROFILES_ACCOUNT_DELETED, record)  # keep the apps' own handlers

    assert response.status_code == 302
    assert calls == [{"user": zoe, "remove_content": True}]
    zoe.refresh_from_db()
    assert not zoe.is_active and not zoe.has_usable_password() and zoe.public_name == "Deleted user"
    assert Session.objects.count() == 0
    leaks = [(label, secret) for label, text in _text_rows() for secret in SECRETS if secret in text]
    assert leaks == []
    for model in [
        "account.EmailAddress",
        "mfa.Authenticator",
        "reputation.ReputationEntry",
        "reputation.BadgeAward",
        "reputation.CheckIn",
        "reputation.ReputationTotal",
        "profiles.Profile",
        "profiles.Follow",
        "profiles.DeclaredProduct",
        "profiles.TesterApplication",
        "community.Notification",
    ]:
        model_class = apps.get_model(model)
        user_fields = [
            f.name
            for f in model_class._meta.concrete_fields
            if f.is_relation and f.related_model is type(zoe)
        ]
        for field in user_fields:
            assert not model_class.objects.filter(**{field: zoe}).exists(), (model, field)
    assert client.get(f"/people/deleted-{zoe.pk}/").status_code == 404


def test_deletion_needs_the_password(client, zoe):
    client.force_login(zoe)
    response = client.post("/people/me/data/", {"password": "wrong", "content": "keep", "confirm": "on"})
    assert response.status_code == 200 and "not your password" in response.content.decode()
    zoe.refresh_from_db()
    assert zoe.is_active
