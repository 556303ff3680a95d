"""manage.py send_daily_digests mails pending daily notifications once."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from community.notifications.actions import notify, set_email_preference
from community.notifications.models import EmailMode

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("send_daily_digests", stdout=out)
    return out.getvalue()


def test_the_command_sends_pending_digests_once(member, django_capture_on_commit_callbacks):
    set_email_preference(user=member, kind="REPLY", email_mode=EmailMode.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient_ids=[member.pk], kind="REPLY", text="Amara replied to your post", url="/forum/p/1/")
    assert mail.outbox == []
    assert run().strip() == "Sent 1 digest."
    assert len(mail.outbox) == 1 and "Amara replied" in mail.outbox[0].body
    assert run().strip() == "Sent 0 digests."
    assert len(mail.outbox) == 1
