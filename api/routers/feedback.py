"""Feedback items, statuses, releases and build ratings: the feedback pages' query functions
(forum.feedback.queries), permission functions and actions."""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, QueryDict
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile

from api.auth import PUBLIC, TRIAGE, WRITE, user_of
from api.common import Person, id_path, next_link, page_cursor, person, read_page_cursor
from api.models import Scope
from api.problems import problem
from community.parsing import MAX_ID
from forum.feedback.actions.attachments import STAGED_FOR, stage_attachment
from forum.feedback.actions.filing import file_feedback
from forum.feedback.actions.merging import merge_duplicate
from forum.feedback.actions.releases import rate_build
from forum.feedback.actions.status import set_feedback_status
from forum.feedback.forms import MergeForm
from forum.feedback.models import FeedbackItem, Release, Status
from forum.feedback.permissions import check_team, is_product_team
from forum.feedback.queries import (
    active_product,
    item_page,
    release_by_version,
    release_page,
    releases_of,
    reportable_releases,
    reportable_variants,
)
from forum.feedback.queries import triage_board as triage_board_query
from forum.feedback.validation import MAX_ATTACHMENTS
from forum.feedback.views.helpers import get_item
from forum.limits import RateLimited
from forum.models import Board
from forum.views.helpers import get_board

router = Router(tags=["feedback"])
ANONYMOUS_OK = {"x-anonymous": True}
TRIAGE_PAGE_SIZE = 100  # the triage board's page


class StatusOut(Schema):
    key: str
    name: str
    category: str
    description: str


class StatusList(Schema):
    items: list[StatusOut]


class ReleaseRef(Schema):
    product: str
    version: str


class ItemOut(Schema):
    id: int = Field(description="The item's number (its thread's id).")
    title: str
    kind: str
    status: StatusOut
    product: str
    affected_release: ReleaseRef | None
    build_string: str
    fixed_in: ReleaseRef | None
    votes: int
    owner_votes: int | None = None
    trend: int | None = Field(None, description="Votes in the last 7 days.")
    reporter: Person | None
    created_at: datetime
    url: str


class ItemRef(Schema):
    id: int
    title: str
    kind: str
    status: StatusOut
    votes: int
    url: str


class TimelineEntry(Schema):
    from_status: str | None
    to_status: str
    actor: Person | None
    comment: str
    release: ReleaseRef | None
    created_at: datetime


class EnvironmentEntry(Schema):
    label: str
    value: str


class ItemDetail(ItemOut):
    duplicate_of: int | None = Field(description="The item this one was merged into.")
    description: str
    steps: str
    expected: str
    actual: str
    frequency: str
    variant: str | None
    environment: list[EnvironmentEntry]
    has_voted: bool | None
    timeline: list[TimelineEntry]
    duplicates: list[int]


class ItemList(Schema):
    total: int
    items: list[ItemOut]
    next: str | None


class FeedbackIn(Schema):
    kind: str = Field(description="BUG or SUGGESTION")
    title: str = Field(max_length=10_000)
    description: str = Field(max_length=100_000)
    variant: str = Field("", max_length=64, description="The model's SKU (a variant of the board's product).")
    version: str = Field(
        "", max_length=40, description="The release it happens on (a live release's version)."
    )
    build_string: str = Field("", max_length=1000)
    environment: dict[str, str] = Field({}, description="The product's environment fields, by name.")
    steps: str = Field("", max_length=100_000)
    expected: str = Field("", max_length=100_000)
    actual: str = Field("", max_length=100_000)
    frequency: str = Field("", max_length=20, description="ALWAYS, OFTEN, SOMETIMES, ONCE or empty.")
    attachments: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        [],
        max_length=MAX_ATTACHMENTS,
        description="Ids of files uploaded first with POST feedback/attachments (screenshots, logs).",
    )


class UploadOut(Schema):
    id: int = Field(description="Name it in the report's attachments.")
    name: str
    content_type: str
    size: int
    expires_at: datetime = Field(description="Removed unless a report names it by then.")


class StatusIn(Schema):
    status: str = Field(max_length=40, description="A status key, e.g. acknowledged.")
    comment: str = Field(max_length=10_000, description="Public: voters and followers read it.")
    release: str = Field("", max_length=40, description="For fixed: the version that fixes it.")


class MergeIn(Schema):
    into: int = Field(ge=1, le=2**63 - 1, description="The number of the item this one duplicates.")
    comment: str = Field("", max_length=2000)


class TriageParams(Schema):
    product: str = Field("", max_length=120, description="A product's slug.")
    kind: str = Field("", max_length=20, description="BUG or SUGGESTION")
    status: str = Field("", max_length=40, description="A status key.")
    release: str = Field("", max_length=20, description="A release's id.")
    owners_only: bool = False
    sort: str = Field("votes", max_length=20, description="votes, owner_votes, trend, age or newest.")
    q: str = Field("", max_length=100, description="Title contains.")
    cursor: str = Field("", max_length=40)

    def filters(self) -> QueryDict:
        """The triage page's filter form data (``TriageFilterForm``) these parameters stand for."""
        query = QueryDict(mutable=True)
        for name in ("product", "kind", "status", "release", "sort", "q"):
            if getattr(self, name):
                query[name] = getattr(self, name)
        if self.owners_only:
            query["owners_only"] = "on"
        return query


class ReleaseOut(Schema):
    product: str
    version: str
    channel: str
    released_on: date
    live: bool
    url: str


class ReleaseList(Schema):
    items: list[ReleaseOut]


class Rating(Schema):
    stars: int
    count: int
    percent: int


class ReleaseDetail(ReleaseOut):
    changelog: str
    changelog_html: str
    fixes: list[ItemRef] = Field(description="The items its changelog names (section fixed).")
    new: list[ItemRef]
    improved: list[ItemRef]
    regressions: list[ItemRef] = Field(description="What was reported against it, most voted first.")
    ratings: list[Rating]
    rating_count: int
    average_stars: float | None
    my_rating: int | None


class RatingIn(Schema):
    stars: int = Field(ge=1, le=5)


class MyRating(Schema):
    stars: int


def status_dict(status: Status) -> dict:
    return {
        "key": status.key,
        "name": status.name,
        "category": status.category,
        "description": status.description,
    }


def release_ref(release: Release | None, product_slug: str) -> dict | None:
    return {"product": product_slug, "version": release.version} if release is not None else None


def item_dict(request, item: FeedbackItem) -> dict:
    thread, slug = item.thread, item.product.slug
    return {
        "id": item.thread_id,
        "title": thread.title,
        "kind": item.kind,
        "status": status_dict(item.status),
        "product": slug,
        "affected_release": release_ref(item.affected_release, slug),
        "build_string": item.build_string,
        "fixed_in": release_ref(item.fixed_in, slug),
        "votes": thread.score,
        "owner_votes": getattr(item, "owner_votes", None),
        "trend": getattr(item, "trend", None),
        "reporter": person(thread.author) if "author" in thread._state.fields_cache else None,
        "created_at": item.created_at,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


def item_ref(request, item: FeedbackItem) -> dict:
    return {
        "id": item.thread_id,
        "title": item.thread.title,
        "kind": item.kind,
        "status": status_dict(item.status),
        "votes": item.thread.score,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


def release_dict(request, release: Release) -> dict:
    return {
        "product": release.product.slug,
        "version": release.version,
        "channel": release.channel,
        "released_on": release.released_on,
        "live": release.live,
        "url": request.build_absolute_uri(release.get_absolute_url()),
    }


# --- items ------------------------------------------------------------------------------------------


@router.get(
    "feedback/statuses", response=StatusList, auth=PUBLIC, openapi_extra=ANONYMOUS_OK, summary="Statuses"
)
def list_statuses(request):
    return {"items": [status_dict(status) for status in Status.objects.ordered()]}


@router.post(
    "feedback/attachments",
    response={201: UploadOut},
    auth=WRITE,
    summary="Upload a file for a report you are about to file",
)
def upload_attachment(request, file: File[UploadedFile]):
    """Multipart (``file``): a screenshot or log, checked as the filing form checks attachments
    (png, jpg, gif, webp, txt, log or zip; 5 MB at most; the content must match the type). A file
    refused is a 400 whose detail says why. Name its id in ``attachments`` when filing, within a day."""
    try:
        attachment = stage_attachment(actor=user_of(request), upload=file)
    except ValidationError as exc:
        if isinstance(exc, RateLimited):
            raise
        detail = " ".join(exc.messages)
        return problem(request, 400, detail, errors=[("file", message) for message in exc.messages])
    return 201, {
        "id": attachment.pk,
        "name": attachment.name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "expires_at": attachment.created_at + STAGED_FOR,
    }


@router.get("feedback", response=ItemList, auth=TRIAGE, summary="The triage board (product team)")
def triage(request, params: Query[TriageParams]):
    """The team's triage board (forum.feedback.queries.triage_board) with its filters and sorts."""
    user = user_of(request)
    check_team(user)
    query = params.filters()
    query["page"] = str(read_page_cursor(params.cursor))
    board = triage_board_query(user, query, per_page=TRIAGE_PAGE_SIZE)
    if not board.form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in board.form.errors.items()})
    page = board.page
    return {
        "total": page.paginator.count,
        "items": [item_dict(request, item) for item in board.items],
        "next": next_link(request, cursor=page_cursor(page.number + 1)) if page.has_next() else None,
    }


@router.get(
    "feedback/{item_id}",
    response=ItemDetail,
    auth=PUBLIC,
    openapi_extra=ANONYMOUS_OK,
    summary="A feedback item",
)
def read_item(request, item_id: int = id_path("The item's number")):
    user = user_of(request)
    page = item_page(user, item_id)
    item = page.item
    base = item_dict(request, item)
    if page.merged_into is not None:  # the page sends its readers to the item it was merged into
        raise Http404(f"No such feedback: it was merged into #{page.merged_into.thread_id}.")
    slug = item.product.slug
    return {
        **base,
        "duplicate_of": item.duplicate_of.thread_id if item.duplicate_of_id else None,
        "owner_votes": page.owner_votes,
        "description": item.description,
        "steps": item.steps,
        "expected": item.expected,
        "actual": item.actual,
        "frequency": item.frequency,
        "variant": item.variant.sku if item.variant_id else None,
        "environment": [{"label": label, "value": value} for label, value in page.environment],
        "has_voted": page.has_voted if user.is_authenticated else None,
        "timeline": [
            {
                "from_status": change.from_status.key if change.from_status_id else None,
                "to_status": change.to_status.key,
                "actor": person(change.actor),
                "comment": change.comment,
                "release": release_ref(change.release, slug),
                "created_at": change.created_at,
            }
            for change in page.timeline
        ],
        "duplicates": [duplicate.thread_id for duplicate in page.duplicates],
    }


@router.post("boards/{slug}/feedback", response={201: ItemDetail}, auth=WRITE, summary="File feedback")
def create_item(request, slug: str, payload: FeedbackIn):
    """The filing form: a bug or suggestion in a product's feedback board, with its environment."""
    from forum.permissions import check_start_thread

    user = user_of(request)
    board = get_board(user, slug[:100])
    if board.kind != Board.Kind.FEEDBACK or board.product_id is None:
        raise Http404("No such feedback board.")
    check_start_thread(user, board)
    variant = release = None
    if payload.variant:
        variant = reportable_variants(board.product_id).filter(sku=payload.variant).first()
        if variant is None:
            raise ValidationError({"variant": "No such model of this product."})
    if payload.version:
        release = reportable_releases(board.product_id).filter(version=payload.version).first()
        if release is None:
            raise ValidationError({"version": "No such release of this product."})
    item = file_feedback(
        actor=user,
        board=board,
        kind=payload.kind,
        title=payload.title,
        description=payload.description,
        variant=variant,
        release=release,
        build_string=payload.build_string,
        environment=payload.environment,
        steps=payload.steps,
        expected=payload.expected,
        actual=payload.actual,
        frequency=payload.frequency,
        staged_ids=payload.attachments,
    )
    return 201, read_item(request, item.thread_id)


def _check_token_triage(request, user, item, status: Status) -> None:
    """A token changes statuses as the team only with the feedback:triage scope (the reporter closing
    their own report needs write)."""
    token = request.auth.token
    closing_own = item.thread.author_id == user.pk and status.key == Status.CLOSED
    if (
        token is not None
        and is_product_team(user)
        and not closing_own
        and not token.has_scope(Scope.FEEDBACK_TRIAGE)
    ):
        raise PermissionDenied("This token lacks the “feedback:triage” scope.")


@router.post("feedback/{item_id}/status", response=ItemDetail, auth=WRITE, summary="Change the status")
def change_status(request, payload: StatusIn, item_id: int = id_path("The item's number")):
    """The team moves an item with a public comment; a reporter may close their own."""
    user = user_of(request)
    item = get_item(user, item_id)
    status = Status.objects.filter(key=payload.status).first()
    if status is None:
        raise ValidationError({"status": "No such status."})
    release = None
    if payload.release:
        release = Release.objects.filter(
            product_id=item.product_id, version=payload.release, live=True
        ).first()
        if release is None:
            raise ValidationError({"release": "No such live release of this product."})
    _check_token_triage(request, user, item, status)
    set_feedback_status(actor=user, item=item, status=status, comment=payload.comment, release=release)
    return read_item(request, item.thread_id)


@router.post("feedback/{item_id}/merge", response=ItemDetail, auth=TRIAGE, summary="Merge a duplicate (team)")
def merge(request, payload: MergeIn, item_id: int = id_path("The duplicate's number")):
    """Merge this item into the one it duplicates: votes and followers move (as on the item page)."""
    user = user_of(request)
    item = get_item(user, item_id)
    if not is_product_team(user):
        raise PermissionDenied("Only the product team merges duplicates.")
    form = MergeForm({"survivor": str(payload.into), "comment": payload.comment}, item=item, user=user)
    if not form.is_valid():
        errors = {
            "into" if name == "survivor" else name: list(messages) for name, messages in form.errors.items()
        }
        raise ValidationError(errors)
    survivor = merge_duplicate(
        actor=user,
        duplicate=item,
        survivor=form.cleaned_data["survivor"],
        comment=form.cleaned_data["comment"],
    )
    return read_item(request, survivor.thread_id)


# --- releases ---------------------------------------------------------------------------------------


@router.get(
    "products/{slug}/releases",
    response=ReleaseList,
    auth=PUBLIC,
    openapi_extra=ANONYMOUS_OK,
    tags=["feedback", "store"],
    summary="A product's releases",
)
def list_releases(request, slug: str):
    product = active_product(slug[:120])
    rows = releases_of(product, include_drafts=is_product_team(user_of(request)))[:200]
    return {"items": [release_dict(request, release) for release in rows]}


@router.get(
    "products/{slug}/releases/{version}",
    response=ReleaseDetail,
    auth=PUBLIC,
    openapi_extra=ANONYMOUS_OK,
    summary="A release: what it fixes, its regressions and ratings",
)
def read_release(request, slug: str, version: str):
    user = user_of(request)
    page = release_page(user, slug[:120], version[:40])
    release = page.release
    sections = dict(page.sections)
    return {
        **release_dict(request, release),
        "changelog": release.changelog,
        "changelog_html": str(page.changelog_html),
        "fixes": [item_ref(request, item) for item in sections.get("fixed", [])],
        "new": [item_ref(request, item) for item in sections.get("new", [])],
        "improved": [item_ref(request, item) for item in sections.get("improved", [])],
        "regressions": [item_ref(request, item) for item in page.regressions],
        "ratings": [{"stars": s, "count": n, "percent": p} for s, n, p in page.distribution],
        "rating_count": page.rating_count,
        "average_stars": page.average,
        "my_rating": page.my_rating,
    }


@router.put(
    "products/{slug}/releases/{version}/rating", response=MyRating, auth=WRITE, summary="Rate a build"
)
def rate(request, payload: RatingIn, slug: str, version: str):
    user = user_of(request)
    release = release_by_version(slug[:120], version[:40])
    rating = rate_build(actor=user, release=release, stars=payload.stars)
    return {"stars": rating.stars}
