import re

import pytest
from django.core import mail
from django.test import Client

from community.notifications.actions import (
    mark_group_read,
    mark_read,
    notify,
    send_digests,
    set_email_preference,
)
from community.notifications.emails import unsubscribe_token
from community.notifications.models import EmailMode, NotificationPreference
from community.notifications.tasks import send_notification_emails
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notify(user, kind="REPLY", text="Leo replied to your thread “Battery”"):
    return notify(recipient_ids=[user.pk], kind=kind, text=text, url="/forum/p/1/")


def test_immediate_email_is_sent_once_with_unsubscribe_link(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [row] = _notify(member)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Leo replied" in message.subject and "http://" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    send_notification_emails.call(notification_ids=[row.pk])  # running the task again sends nothing
    assert len(mail.outbox) == 1


def test_preferences_choose_digest_or_nothing(member, django_capture_on_commit_callbacks):
    set_email_preference(user=member, kind="REPLY", email_mode=EmailMode.DAILY)
    set_email_preference(user=member, kind="MENTION", email_mode=EmailMode.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(member)
        _notify(member, text="Amara replied to your post")
        _notify(member, kind="MENTION", text="Jonas mentioned you")
    assert mail.outbox == []
    assert send_digests() == 1
    assert len(mail.outbox) == 1 and "2 updates" in mail.outbox[0].subject
    assert "Amara replied" in mail.outbox[0].body and "Jonas" not in mail.outbox[0].body
    assert send_digests() == 0  # already sent


def test_mark_read(member):
    rows = _notify(member) + _notify(member, text="Another")
    assert member.notifications.unread_count() == 2
    mark_read(user=member, notification_ids=[rows[0].pk])
    assert member.notifications.unread_count() == 1
    mark_read(user=member)
    assert member.notifications.unread_count() == 0


def test_mark_group_read_reads_what_says_the_same_after_the_actor(member, other_member):
    def by(actor, kind="REPLY", text="replied to your thread “Battery”"):
        return notify(
            recipient_ids=[member.pk],
            kind=kind,
            text=text,
            url="/forum/p/1/",
            actor=actor,
            text_follows_actor=True,
        )[0]

    # Given two replies to one thread, a reply to another, a mention in the same thread, a plain one
    leo, sofia = UserFactory(username="leo"), UserFactory(username="sofia")
    first, second = by(leo), by(sofia)
    elsewhere = by(leo, text="replied to your thread “Camera”")
    mention = by(sofia, kind="MENTION", text="mentioned you in “Battery”")
    plain = _notify(member)[0]
    # When one of the two replies is opened, then both are read and nothing else
    assert mark_group_read(user=member, notification=second) == 2
    unread = set(member.notifications.filter(read_at__isnull=True).values_list("pk", flat=True))
    assert unread == {elsewhere.pk, mention.pk, plain.pk} and first.pk not in unread
    # A notification that names no actor reads only itself, and another person's are never touched
    notify(recipient_ids=[other_member.pk], kind="REPLY", text="x", url="/")
    assert mark_group_read(user=member, notification=plain) == 1
    assert other_member.notifications.filter(read_at__isnull=True).count() == 1


def test_one_click_unsubscribe_without_signing_in(member):
    token = unsubscribe_token(user_id=member.pk, kind="REPLY")
    client = Client(
        enforce_csrf_checks=True
    )  # mail clients send no CSRF token: the signed token is the proof
    assert client.get(f"/notifications/unsubscribe/{token}/").status_code == 200
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 200
    assert NotificationPreference.objects.get(user=member, kind="REPLY").email_mode == EmailMode.OFF
    everything = unsubscribe_token(user_id=member.pk, kind=None)
    client.post(f"/notifications/unsubscribe/{everything}/")
    assert set(NotificationPreference.objects.filter(user=member).values_list("email_mode", flat=True)) == {
        "OFF"
    }


@pytest.mark.parametrize("token", ["garbage", "eyJ1IjoxfQ:1:bad", "x" * 300])
def test_forged_unsubscribe_tokens_are_refused(client, member, token):
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 400
    assert not NotificationPreference.objects.exists()


def test_token_for_one_person_cannot_be_edited_for_another(client, member):
    other = UserFactory(username="victim")
    token = unsubscribe_token(user_id=member.pk, kind="REPLY")
    payload, rest = token.split(":", 1)
    forged = re.sub(r"\d", "9", payload) + ":" + rest
    assert client.post(f"/notifications/unsubscribe/{forged}/").status_code == 400
    assert not NotificationPreference.objects.filter(user=other).exists()
