"""The notification kinds and their default e-mail modes."""

import pytest

from community.notifications.models import DEFAULT_EMAIL_MODES, EmailMode, NotificationKind
from community.notifications.queries import email_preferences


def test_every_kind_has_a_default_mode():
    assert set(DEFAULT_EMAIL_MODES) == set(NotificationKind)


@pytest.mark.parametrize(
    ("kind", "mode"),
    [
        (NotificationKind.FEEDBACK, EmailMode.IMMEDIATE),
        (NotificationKind.PROGRAMME, EmailMode.IMMEDIATE),
        (NotificationKind.BADGE, EmailMode.OFF),
    ],
)
def test_new_kinds_default_sensibly(kind, mode):
    assert DEFAULT_EMAIL_MODES[kind] == mode


@pytest.mark.django_db
def test_preferences_offer_the_new_kinds(member):
    modes = email_preferences(member)
    assert modes[NotificationKind.FEEDBACK] == EmailMode.IMMEDIATE
    assert modes[NotificationKind.BADGE] == EmailMode.OFF
