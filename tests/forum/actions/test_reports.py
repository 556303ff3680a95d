import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from forum.actions.posts import reply
from forum.actions.reports import handle_report, lift_suspension, report_post, suspend_user
from forum.models import Report
from forum.permissions import active_suspension
from tests.factories import UserFactory
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db


def test_report_once_with_a_reason(board, member, other_member):
    thread = make_thread(board=board, author=member)
    with pytest.raises(ValidationError):
        report_post(actor=other_member, post=thread.first_post, reason="")
    report_post(actor=other_member, post=thread.first_post, reason="Spam link")
    with pytest.raises(ValidationError, match="already"):
        report_post(actor=other_member, post=thread.first_post, reason="Spam link again")
    with pytest.raises(ValidationError, match="own"):
        report_post(actor=member, post=thread.first_post, reason="Mine")


def test_hiding_from_the_queue_resolves_every_report(board, member, other_member):
    moderator = UserFactory(username="mod")
    board.moderators.add(moderator)
    thread = make_thread(board=board, author=member)
    bad = reply(actor=other_member, thread=thread, body="Rude words")
    first = report_post(actor=member, post=bad, reason="Rude")
    report_post(actor=UserFactory(username="third"), post=bad, reason="Insulting")
    with pytest.raises(PermissionDenied):
        handle_report(actor=member, report=first, outcome="hide")
    handle_report(actor=moderator, report=first, outcome="hide", reason="Be kind")
    bad.refresh_from_db()
    assert bad.is_hidden and set(Report.objects.values_list("status", flat=True)) == {"RESOLVED"}


def test_temporary_suspension_and_lift(member):
    admin = UserFactory(username="boss", is_superuser=True)
    with pytest.raises(PermissionDenied):
        suspend_user(actor=member, user=admin, reason="No")
    with pytest.raises(ValidationError):
        suspend_user(actor=admin, user=member, reason="Spam", days=0)
    suspension = suspend_user(actor=admin, user=member, reason="Spam", days=7)
    assert active_suspension(member) == suspension
    lift_suspension(actor=admin, suspension=suspension)
    assert active_suspension(member) is None
