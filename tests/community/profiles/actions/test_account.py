import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models

from community import hooks
from community.notifications.actions import notify
from community.notifications.models import Notification
from community.notifications.queries import notification_centre
from tests.community.profiles.conftest import SECRETS

pytestmark = pytest.mark.django_db


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
    bystander = type(zoe).objects.get(username="bystander")
    notify(
        recipient_ids=[bystander.pk],
        kind="REPLY",
        text="replied to your thread “Pairing”",
        url="/x/",
        actor=zoe,
        text_follows_actor=True,
    )
    assert [n.message for n in notification_centre(bystander)] == [
        "Zoe Secretname replied to your thread “Pairing”"
    ]
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
            if (model, field) == ("community.Notification", "actor"):
                continue  # what others were told about her points at the anonymised row (checked below)
            assert not model_class.objects.filter(**{field: zoe}).exists(), (model, field)
    # Others' notifications about what she did read with her current name: the placeholder.
    assert [n.message for n in notification_centre(bystander)] == [
        "Deleted user replied to your thread “Pairing”"
    ]
    assert Notification.objects.get(recipient=bystander).actor_id == zoe.pk
    assert client.get(f"/people/deleted-{zoe.pk}/").status_code == 404


def test_deletion_needs_the_password(client, zoe):
    client.force_login(zoe)
    response = client.post("/people/me/data/", {"password": "wrong", "content": "keep", "confirm": "on"})
    assert response.status_code == 200 and "not your password" in response.content.decode()
    zoe.refresh_from_db()
    assert zoe.is_active
