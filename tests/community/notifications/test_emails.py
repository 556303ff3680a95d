"""Notification mail: a bad subject or a refused recipient is logged and never stops a batch."""

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from community.models import User
from community.notifications.actions import notify, send_digests, set_email_preference
from community.notifications.models import EmailMode, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bouncing(monkeypatch):
    """The mail server refuses bounce@example.com (as SMTP does), and takes every other recipient."""
    send = EmailMessage.send

    def refuse_bounce(message, *args, **kwargs):
        if "bounce@example.com" in message.to:
            raise smtplib.SMTPRecipientsRefused({"bounce@example.com": (550, b"No such user")})
        return send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", refuse_bounce)


def test_a_name_stored_with_a_line_break_still_gets_its_mail_sent(django_capture_on_commit_callbacks):
    """Display names were stored unchecked before: "Eve\\r\\nBcc: x" broke every mail about Eve."""
    reader = UserFactory(username="reader")
    eve = UserFactory(username="eve")
    User.objects.filter(pk=eve.pk).update(display_name="Eve\r\nBcc: spam@example.com")
    eve.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient_ids=[reader.pk], kind="REPLY", text=f"{eve.public_name} replied", url="/forum/p/1/")

    [message] = mail.outbox
    assert message.subject == "[Canopy] Eve Bcc: spam@example.com replied"
    assert message.to == [reader.email] and message.message()["Bcc"] is None


def test_a_refused_recipient_is_logged_and_the_rest_of_the_batch_is_sent(
    bouncing, caplog, django_capture_on_commit_callbacks
):
    people = [
        UserFactory(username="first", email="first@example.com"),
        UserFactory(username="bouncer", email="bounce@example.com"),
        UserFactory(username="last", email="last@example.com"),
    ]

    with (
        caplog.at_level("ERROR", logger="community.notifications.emails"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(recipient_ids=[p.pk for p in people], kind="REPLY", text="Leo replied", url="/forum/p/1/")

    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.com", "last@example.com"]
    assert any("bounce@example.com" in record.getMessage() for record in caplog.records)
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()  # no retry loop


def test_a_refused_digest_is_logged_and_the_other_digests_are_sent(bouncing, caplog):
    people = [
        UserFactory(username="bouncer", email="bounce@example.com"),
        UserFactory(username="reader", email="reader@example.com"),
    ]
    for person in people:
        set_email_preference(user=person, kind="REPLY", email_mode=EmailMode.DAILY)
    notify(recipient_ids=[p.pk for p in people], kind="REPLY", text="Leo replied", url="/forum/p/1/")

    with caplog.at_level("ERROR", logger="community.notifications.emails"):
        assert send_digests() == 1

    assert [m.to for m in mail.outbox] == [["reader@example.com"]]
    assert any("bounce@example.com" in record.getMessage() for record in caplog.records)
