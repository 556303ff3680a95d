"""Feedback status changes earn (and take back) the reporter's points through forum/reputation.py."""

from community.reputation.models import ReputationTotal
from forum.feedback.actions.status import apply_status, set_feedback_status
from forum.feedback.models import FeedbackItem, Status
from tests.forum.feedback.factories import make_item


def points(user) -> int:
    return ReputationTotal.objects.filter(user_id=user.pk).values_list("points", flat=True).first() or 0


def status(key):
    return Status.objects.get(key=key)


def test_an_acknowledged_bug_earns_the_reporter_points_and_moving_back_reverses(
    feedback_board, reporter, team
):
    item = make_item(board=feedback_board, author=reporter)
    before = points(reporter)
    set_feedback_status(actor=team, item=item, status=status("acknowledged"), comment="Seen it.")
    assert points(reporter) == before + 10
    set_feedback_status(actor=team, item=item, status=status("fixed"), comment="Fixed.")
    assert points(reporter) == before + 30
    set_feedback_status(actor=team, item=item, status=status("new"), comment="Back it comes.")
    assert points(reporter) == before
    set_feedback_status(actor=team, item=item, status=status("fixed"), comment="Fixed again.")
    assert points(reporter) == before + 30


def test_a_planned_suggestion_earns_suggestion_accepted(feedback_board, reporter, team):
    item = make_item(board=feedback_board, author=reporter, kind=FeedbackItem.Kind.SUGGESTION)
    before = points(reporter)
    set_feedback_status(actor=team, item=item, status=status("acknowledged"), comment="Noted.")
    assert points(reporter) == before  # acknowledging a suggestion is not accepting it
    set_feedback_status(actor=team, item=item, status=status("planned"), comment="Planned.")
    assert points(reporter) == before + 10


def test_a_replayed_status_change_does_not_double_count(feedback_board, reporter, team):
    item = make_item(board=feedback_board, author=reporter)
    before = points(reporter)
    fixed = status("fixed")
    for _ in range(2):
        apply_status(item=FeedbackItem.objects.get(pk=item.pk), status=fixed, actor=team, comment="Fixed.")
    assert points(reporter) == before + 30


def test_status_news_goes_out_as_the_feedback_kind(
    feedback_board, reporter, team, django_capture_on_commit_callbacks
):
    from community.notifications.models import Notification, NotificationKind

    item = make_item(board=feedback_board, author=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        set_feedback_status(actor=team, item=item, status=status("acknowledged"), comment="Seen it.")
    assert set(Notification.objects.filter(recipient=reporter).values_list("kind", flat=True)) == {
        NotificationKind.FEEDBACK
    }
