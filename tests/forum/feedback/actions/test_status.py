import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.notifications.models import Notification
from forum.feedback.actions.status import add_internal_note, bulk_set_status, set_feedback_status
from forum.feedback.models import FeedbackItem, InternalNote, Status, StatusChange
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_item, vote

pytestmark = pytest.mark.django_db


def status(key):
    return Status.objects.get(key=key)


def test_statuses_are_seeded_with_roadmap_categories():
    keys = list(Status.objects.ordered().values_list("key", "category"))
    assert [k for k, _ in keys] == [
        "new",
        "needs-info",
        "acknowledged",
        "planned",
        "in-progress",
        "fixed",
        "wont-fix",
        "duplicate",
        "closed",
    ]
    assert dict(keys)["planned"] == Status.Category.PLANNED


def test_new_item_starts_new_with_a_timeline_row(item):
    assert item.status.key == "new"
    assert list(StatusChange.objects.filter(item=item).values_list("to_status__key", flat=True)) == ["new"]


@pytest.mark.parametrize(
    "key", ["needs-info", "acknowledged", "planned", "in-progress", "fixed", "wont-fix", "closed"]
)
def test_team_may_set_every_status(item, team, key):
    change = set_feedback_status(actor=team, item=item, status=status(key), comment="Looking at it.")
    item.refresh_from_db()
    assert item.status.key == key
    assert change.comment == "Looking at it." and change.from_status.key == "new"


@pytest.mark.parametrize("key", ["needs-info", "acknowledged", "planned", "in-progress", "fixed", "wont-fix"])
def test_reporter_may_not_set_team_statuses(item, reporter, key):
    with pytest.raises(PermissionDenied):
        set_feedback_status(actor=reporter, item=item, status=status(key), comment="Please")
    assert FeedbackItem.objects.get(pk=item.pk).status.key == "new"


def test_reporter_may_close_their_own(item, reporter):
    set_feedback_status(actor=reporter, item=item, status=status("closed"), comment="Works after a reset.")
    assert FeedbackItem.objects.get(pk=item.pk).status.key == "closed"


@pytest.mark.parametrize("key", ["closed", "planned"])
def test_other_members_may_not_change_status(item, key):
    with pytest.raises(PermissionDenied):
        set_feedback_status(actor=UserFactory(), item=item, status=status(key), comment="x")


def test_staff_count_as_team(item):
    staff = UserFactory(username="staffer", is_staff=True)
    set_feedback_status(actor=staff, item=item, status=status("planned"), comment="Next sprint.")
    assert FeedbackItem.objects.get(pk=item.pk).status.key == "planned"


def test_a_change_needs_a_comment_and_cannot_be_duplicate(item, team):
    with pytest.raises(ValidationError):
        set_feedback_status(actor=team, item=item, status=status("planned"), comment="  ")
    with pytest.raises(ValidationError):
        set_feedback_status(actor=team, item=item, status=status("duplicate"), comment="dupe")
    with pytest.raises(ValidationError):
        set_feedback_status(actor=team, item=item, status=status("new"), comment="again")


def test_voters_and_followers_are_told_but_not_the_actor(item, team, reporter):
    voter = UserFactory(username="voter")
    vote(item, voter, team)
    set_feedback_status(actor=team, item=item, status=status("planned"), comment="Next sprint.")
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"voter", "reporter"}
    assert Notification.objects.filter(text__contains="Next sprint.").count() == 2


def test_renamed_status_shows_the_new_name_without_code_change(item, team):
    planned = status("planned")
    planned.name = "On the list"
    planned.save()
    set_feedback_status(actor=team, item=item, status=planned, comment="ok")
    assert FeedbackItem.objects.get(pk=item.pk).status_label == "On the list"


def test_bulk_change_moves_all_or_none(feedback_board, team):
    items = [make_item(board=feedback_board, title=f"Problem number {i} here") for i in range(3)]
    assert bulk_set_status(actor=team, items=items, status=status("acknowledged"), comment="Seen.") == 3
    assert set(FeedbackItem.objects.values_list("status__key", flat=True)) == {"acknowledged"}
    with pytest.raises(PermissionDenied):
        bulk_set_status(actor=items[0].thread.author, items=items, status=status("planned"), comment="x")


def test_internal_notes_are_team_only(item, team, reporter):
    add_internal_note(actor=team, item=item, body="Repro on build 14.0.3 only.")
    with pytest.raises(PermissionDenied):
        add_internal_note(actor=reporter, item=item, body="me")
    assert InternalNote.objects.count() == 1
