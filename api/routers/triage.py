"""The product team's triage verbs beyond a single item's status and merge: internal notes, the bulk
status change and the CSV export of the triage list. The same permission functions, actions and query
functions as the item page and the triage board (forum.feedback); tokens need ``feedback:triage``.
Notes are the team's only: no member-facing payload (an item's read, a webhook) carries them."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from ninja import Field, Query, Router, Schema

from api.auth import TRIAGE, user_of
from api.common import Person, id_path, person
from api.routers.feedback import ItemRef, TriageParams, item_ref
from community.parsing import MAX_ID
from forum.feedback.actions.status import add_internal_note, bulk_set_status
from forum.feedback.exports import csv_filename, csv_rows
from forum.feedback.forms import TriageFilterForm
from forum.feedback.models import Status
from forum.feedback.permissions import check_team
from forum.feedback.queries import internal_notes, triage_queryset, visible_items
from forum.feedback.views.helpers import get_item

router = Router(tags=["feedback"])
BULK_LIMIT = 500  # the triage page's bulk form takes as many


class NoteOut(Schema):
    id: int
    author: Person | None
    body: str
    created_at: datetime


class NoteList(Schema):
    items: list[NoteOut]


class NoteIn(Schema):
    body: str = Field(max_length=5000, description="Seen by the product team only.")


class BulkStatusIn(Schema):
    items: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        min_length=1,
        max_length=BULK_LIMIT,
        description="The items' numbers (as in the triage list); every one must be readable.",
    )
    status: str = Field(max_length=40, description="A status key (not duplicate: merge instead).")
    comment: str = Field(max_length=2000, description="Public: each item's voters and followers read it.")


class BulkStatusOut(Schema):
    changed: int = Field(description="How many items moved (those already in the status stay).")
    items: list[ItemRef]


def note_dict(note) -> dict:
    return {"id": note.pk, "author": person(note.author), "body": note.body, "created_at": note.created_at}


def _team_item(request, item_id: int):
    """The item as the team reads it: 404 out of sight (as the page), 403 outside the team."""
    user = user_of(request)
    item = get_item(user, item_id)
    check_team(user)
    return user, item


@router.get(
    "feedback/{item_id}/notes", response=NoteList, auth=TRIAGE, summary="Internal notes (product team)"
)
def list_notes(request, item_id: int = id_path("The item's number")):
    """The team's internal notes on an item, oldest first, as the item page shows them to the team."""
    _, item = _team_item(request, item_id)
    return {"items": [note_dict(note) for note in internal_notes(item.pk)]}


@router.post(
    "feedback/{item_id}/notes",
    response={201: NoteOut},
    auth=TRIAGE,
    summary="Add an internal note (product team)",
)
def add_note(request, payload: NoteIn, item_id: int = id_path("The item's number")):
    user, item = _team_item(request, item_id)
    note = add_internal_note(actor=user, item=item, body=payload.body)
    return 201, note_dict(note)


@router.post(
    "feedback/bulk-status",
    response=BulkStatusOut,
    auth=TRIAGE,
    summary="Change the status of several items (product team)",
)
def bulk_status(request, payload: BulkStatusIn):
    """The triage board's bulk change (forum.feedback.actions.status.bulk_set_status): every item
    moves, or none does. Each item must be one the caller reads; numbers that are not are named in a
    422 and nothing changes."""
    user = user_of(request)
    check_team(user)
    numbers = list(dict.fromkeys(payload.items))
    status = Status.objects.exclude(key=Status.DUPLICATE).filter(key=payload.status).first()
    if status is None:
        raise ValidationError({"status": "No such status (duplicate is set by merging)."})
    items = list(
        visible_items(user)
        .filter(thread_id__in=numbers)
        .select_related("thread__board", "thread__author", "status")
    )
    missing = sorted(set(numbers) - {item.thread_id for item in items})
    if missing:
        listed = ", ".join(f"#{number}" for number in missing[:20])
        raise ValidationError({"items": f"No such feedback item: {listed}."})
    changed = bulk_set_status(actor=user, items=items, status=status, comment=payload.comment)
    for item in items:  # the action moved them: what they are now, without reading them again
        item.status = status
    items.sort(key=lambda item: numbers.index(item.thread_id))
    return {"changed": changed, "items": [item_ref(request, item) for item in items]}


CSV_RESPONSE = {
    "responses": {
        "200": {
            "description": "The triage list as CSV (one line per item, a header first), as the "
            "triage page's export.",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


@router.get(
    "feedback/export.csv",
    auth=TRIAGE,
    response={200: None},
    openapi_extra=CSV_RESPONSE,
    summary="Export the triage list as CSV (product team)",
)
def export_csv(request, params: Query[TriageParams]):
    """The triage page's CSV export with the triage list's filters and sort (``cursor`` is ignored:
    the export holds every matching item)."""
    user = user_of(request)
    check_team(user)
    form = TriageFilterForm(params.filters())
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    queryset = triage_queryset(user, form.spec())
    rows = csv_rows(queryset, base_url=request.build_absolute_uri("/")[:-1])
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{csv_filename()}"'
    return response
