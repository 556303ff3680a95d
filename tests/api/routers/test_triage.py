"""The team's triage verbs through the API (internal notes, bulk status, CSV export), against the
document: the team only, tokens with feedback:triage, the same actions and query functions as the
item page and the triage board."""

import csv
import io

import pytest
from django.contrib.auth.models import Group

from community.teams import team_group_name
from forum.feedback.actions.status import add_internal_note
from forum.feedback.models import FeedbackItem, InternalNote, StatusChange
from tests.api.conftest import Api
from tests.api.contract import check, covers
from tests.forum.feedback.factories import make_item, vote

pytestmark = pytest.mark.django_db

NOTES = "GET feedback/{item_id}/notes"
ADD_NOTE = "POST feedback/{item_id}/notes"
BULK = "POST feedback/bulk-status"
EXPORT = "GET feedback/export.csv"


@pytest.fixture
def team_token(team_member, make_token):
    return make_token(team_member, "read", "write", "feedback:triage")


@pytest.fixture
def team_api(client, team_token):
    return Api(client, team_token)


def _lose_team(user):
    user.groups.remove(Group.objects.get(name=team_group_name()))


# --- internal notes -----------------------------------------------------------------------------------


@covers(NOTES, ADD_NOTE)
def test_the_team_reads_and_adds_internal_notes(team_api, team_member, item):
    add_internal_note(actor=team_member, item=item, body="Reproduced on two units.")
    body = check(team_api.get(f"feedback/{item.thread_id}/notes"), NOTES)
    assert [note["body"] for note in body["items"]] == ["Reproduced on two units."]
    assert body["items"][0]["author"]["username"] == "mira"

    response = team_api.post(f"feedback/{item.thread_id}/notes", {"body": "Firmware team informed."})
    body = check(response, ADD_NOTE)
    assert response.status_code == 201 and body["body"] == "Firmware team informed."
    assert list(InternalNote.objects.filter(item=item).order_by("pk").values_list("body", flat=True)) == [
        "Reproduced on two units.",
        "Firmware team informed.",
    ]
    body = check(team_api.post(f"feedback/{item.thread_id}/notes", {"body": "   "}), ADD_NOTE)
    assert body["status"] == 422 and "required" in body["detail"]
    assert check(team_api.get("feedback/987654321/notes"), NOTES)["status"] == 404


def test_notes_are_the_teams_only(client, api, member_api, team_member, team_token, item, make_token):
    add_internal_note(actor=team_member, item=item, body="Secret: a supplier's defect.")
    path = f"feedback/{item.thread_id}/notes"
    assert check(api.get(path), NOTES)["status"] == 401
    # a member's token cannot carry feedback:triage: the scope is missing
    assert check(member_api.get(path), NOTES)["status"] == 403
    assert check(member_api.post(path, {"body": "Hi"}), ADD_NOTE)["status"] == 403
    # a team member's token without the scope
    read_write = Api(client, make_token(team_member, "read", "write"))
    assert check(read_write.get(path), NOTES)["status"] == 403
    assert check(read_write.post(path, {"body": "Hi"}), ADD_NOTE)["status"] == 403
    # the scope without the team (they left it): the permission function refuses, as the page does
    _lose_team(team_member)
    former = Api(client, team_token)
    assert check(former.get(path), NOTES)["status"] == 403
    assert check(former.post(path, {"body": "Hi"}), ADD_NOTE)["status"] == 403
    assert InternalNote.objects.filter(item=item).count() == 1
    # and a member's reading of the item never carries them
    response = member_api.get(f"feedback/{item.thread_id}")
    assert response.status_code == 200 and b"supplier" not in response.content


# --- bulk status ---------------------------------------------------------------------------------------


@covers(BULK)
def test_bulk_status_moves_every_item_through_the_triage_action(team_api, feedback_board, item, member):
    other = make_item(board=feedback_board, title="Camera app crashes on launch")
    vote(other, member)
    response = team_api.post(
        "feedback/bulk-status",
        {"items": [other.thread_id, item.thread_id, item.thread_id], "status": "planned", "comment": "Next."},
    )
    body = check(response, BULK)
    assert body["changed"] == 2
    assert [row["id"] for row in body["items"]] == [other.thread_id, item.thread_id]
    assert {row["status"]["key"] for row in body["items"]} == {"planned"}
    assert set(FeedbackItem.objects.values_list("status__key", flat=True)) == {"planned"}
    assert StatusChange.objects.filter(to_status__key="planned", comment="Next.").count() == 2
    # already there: nothing moves, nothing fails
    body = check(
        team_api.post(
            "feedback/bulk-status", {"items": [item.thread_id], "status": "planned", "comment": "x"}
        ),
        BULK,
    )
    assert body["changed"] == 0


def test_bulk_status_names_unknown_items_and_changes_nothing(team_api, item):
    body = check(
        team_api.post(
            "feedback/bulk-status",
            {"items": [item.thread_id, 987654321], "status": "planned", "comment": "Next."},
        ),
        BULK,
    )
    assert body["status"] == 422 and body["errors"][0]["field"] == "body.items"
    assert "#987654321" in body["errors"][0]["message"]
    assert FeedbackItem.objects.get(pk=item.pk).status.key == "new"
    for payload, field in (
        ({"items": [item.thread_id], "status": "duplicate", "comment": "x"}, "body.status"),
        ({"items": [item.thread_id], "status": "no-such", "comment": "x"}, "body.status"),
        ({"items": [], "status": "planned", "comment": "x"}, "body.items"),
        ({"items": [0], "status": "planned", "comment": "x"}, "body.items.0"),
    ):
        body = check(team_api.post("feedback/bulk-status", payload), BULK)
        assert body["status"] == 422 and body["errors"][0]["field"] == field, payload
    body = check(
        team_api.post(
            "feedback/bulk-status", {"items": [item.thread_id], "status": "planned", "comment": " "}
        ),
        BULK,
    )
    assert body["status"] == 422 and "#" in body["detail"]  # the action's message names the item
    assert FeedbackItem.objects.get(pk=item.pk).status.key == "new"


def test_bulk_status_is_atomic(team_api, feedback_board, item, monkeypatch):
    """The action refuses the second item after moving the first: neither moves, and the 422 names it."""
    from django.core.exceptions import ValidationError

    from forum.feedback.actions import status as status_actions

    later = make_item(board=feedback_board, title="Wi-Fi drops")
    real = status_actions.set_feedback_status

    def refuse_the_later_one(*, item, **kwargs):
        if item.pk == later.pk:
            raise ValidationError("It is locked by a test.")
        return real(item=item, **kwargs)

    monkeypatch.setattr(status_actions, "set_feedback_status", refuse_the_later_one)
    numbers = [item.thread_id, later.thread_id]
    body = check(
        team_api.post(
            "feedback/bulk-status", {"items": numbers, "status": "acknowledged", "comment": "Seen."}
        ),
        BULK,
    )
    assert body["status"] == 422 and f"#{later.thread_id}" in body["detail"]
    assert set(FeedbackItem.objects.values_list("status__key", flat=True)) == {"new"}
    assert not StatusChange.objects.filter(to_status__key="acknowledged").exists()


def test_bulk_status_is_the_teams_only(client, api, member_api, team_member, team_token, item, make_token):
    payload = {"items": [item.thread_id], "status": "planned", "comment": "Next."}
    assert check(api.post("feedback/bulk-status", payload), BULK)["status"] == 401
    assert check(member_api.post("feedback/bulk-status", payload), BULK)["status"] == 403
    read_write = Api(client, make_token(team_member, "read", "write"))
    assert check(read_write.post("feedback/bulk-status", payload), BULK)["status"] == 403
    _lose_team(team_member)
    assert check(Api(client, team_token).post("feedback/bulk-status", payload), BULK)["status"] == 403
    assert FeedbackItem.objects.get(pk=item.pk).status.key == "new"


# --- CSV export ----------------------------------------------------------------------------------------


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@covers(EXPORT)
def test_the_csv_export_has_the_triage_filters(team_api, feedback_board, item):
    suggestion = make_item(board=feedback_board, title="=HYPERLINK(evil)", kind=FeedbackItem.Kind.SUGGESTION)
    response = team_api.get("feedback/export.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="feedback-')
    text = check(team_api.get("feedback/export.csv"), EXPORT)
    assert text.splitlines()[0].startswith("id,title,kind,status")
    rows = _rows(team_api.get("feedback/export.csv?kind=SUGGESTION"))
    assert [row[0] for row in rows[1:]] == [str(suggestion.thread_id)]
    assert rows[1][1] == "'=HYPERLINK(evil)"  # quoted: spreadsheets would run it
    rows = _rows(team_api.get("feedback/export.csv?product=aurora-14&sort=age"))
    assert [row[0] for row in rows[1:]] == [str(item.thread_id), str(suggestion.thread_id)]
    body = check(team_api.get("feedback/export.csv?status=no-such"), EXPORT)
    assert body["status"] == 422 and body["errors"][0]["field"] == "body.status"


def test_the_csv_export_is_the_teams_only(client, api, member_api, team_member, team_token, item, make_token):
    assert check(api.get("feedback/export.csv"), EXPORT)["status"] == 401
    assert check(member_api.get("feedback/export.csv"), EXPORT)["status"] == 403
    read_write = Api(client, make_token(team_member, "read", "write"))
    assert check(read_write.get("feedback/export.csv"), EXPORT)["status"] == 403
    _lose_team(team_member)
    assert check(Api(client, team_token).get("feedback/export.csv"), EXPORT)["status"] == 403


def _read(response):
    b"".join(response.streaming_content) if response.streaming else response.content
    return response


# --- query budgets --------------------------------------------------------------------------------------


def test_query_counts_are_pinned(team_api, team_member, feedback_board, item, django_assert_num_queries):
    """Reads as the other lists (8 at most with a token), counted after a first call; the export's
    filters each read their row (product, status), as the triage page's form does."""
    for n in range(3):
        other = make_item(board=feedback_board, title=f"Another report {n}")
        add_internal_note(actor=team_member, item=other, body=f"note {n}")
    add_internal_note(actor=team_member, item=item, body="one")
    for path, expected in (
        (f"feedback/{item.thread_id}/notes", 3),
        ("feedback/export.csv", 2),
        ("feedback/export.csv?product=aurora-14&status=new&kind=BUG&sort=trend", 4),
    ):
        for _ in range(2):
            _read(team_api.get(path))
        with django_assert_num_queries(expected):
            assert _read(team_api.get(path)).status_code == 200


def test_write_query_counts_are_pinned(team_api, feedback_board, item, django_assert_num_queries):
    """A note costs the same whatever the item; the bulk change costs the action's writes per item
    (lock, change, timeline, counters, notifications) on top of reading them all at once."""
    team_api.get(f"feedback/{item.thread_id}/notes")
    with django_assert_num_queries(8):
        assert team_api.post(f"feedback/{item.thread_id}/notes", {"body": "A note."}).status_code == 201
    more = [make_item(board=feedback_board, title=f"Report {n}") for n in range(3)]
    warm = {"items": [more[2].thread_id], "status": "acknowledged", "comment": "Seen."}
    assert team_api.post("feedback/bulk-status", warm).status_code == 200  # caches as in a running site
    with django_assert_num_queries(48):
        response = team_api.post(
            "feedback/bulk-status", {"items": [item.thread_id], "status": "planned", "comment": "Soon."}
        )
        assert response.status_code == 200
    with django_assert_num_queries(91):  # 42 more for the second item: set_feedback_status's own cost
        numbers = [other.thread_id for other in more[:2]]
        response = team_api.post(
            "feedback/bulk-status", {"items": numbers, "status": "planned", "comment": "Soon."}
        )
        assert response.status_code == 200
