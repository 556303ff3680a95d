"""Read paths of the feedback pages. Each runs a fixed number of SQL queries whatever the data size."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from forum.feedback.models import (
    Attachment,
    BuildRating,
    EnvironmentSchema,
    FeedbackItem,
    InternalNote,
    Release,
    Status,
    StatusChange,
)
from forum.feedback.permissions import is_product_team
from forum.models import Thread, Vote
from forum.permissions import filter_threads
from store.models import Product
from store.ownership import owners_subquery

TREND_DAYS = 7
SORTS = {
    "votes": ("Votes", ("-thread__score", "-pk")),
    "owner_votes": ("Owner votes", ("-owner_votes", "-thread__score", "-pk")),
    "trend": ("7-day trend", ("-trend", "-thread__score", "-pk")),
    "age": ("Oldest first", ("created_at", "pk")),
    "newest": ("Newest first", ("-created_at", "-pk")),
}


def _count(queryset):
    return Coalesce(
        Subquery(queryset.order_by().values("post_id").annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def with_vote_counts(queryset):
    """Annotate ``owner_votes`` (votes by verified owners of the item's product), ``trend`` (votes in
    the last 7 days) and ``reporter_is_owner``; ``thread.score`` is every "me too" vote."""
    since = timezone.now() - timedelta(days=TREND_DAYS)
    votes = Vote.objects.filter(post_id=OuterRef("thread__first_post_id"))
    return queryset.annotate(
        owner_votes=_count(votes.filter(user_id__in=owners_subquery(OuterRef(OuterRef("product_id"))))),
        trend=_count(votes.filter(created_at__gte=since)),
        reporter_is_owner=Exists(
            owners_subquery(OuterRef("product_id"), user_ref=OuterRef("thread__author_id"))
        ),
    )


def visible_items(user):
    # Correlated on the item's thread (a primary-key probe per item) rather than ``thread__in``,
    # which lists every readable thread of every board first (20,000 at 200,000 posts).
    readable = filter_threads(user, Thread.objects.filter(pk=OuterRef("thread_id")))
    return FeedbackItem.objects.filter(Exists(readable))


@dataclass
class TriageFilter:
    product: Product | None = None
    kind: str = ""
    status: Status | None = None
    release: Release | None = None
    owners_only: bool = False
    sort: str = "votes"
    q: str = ""


def triage_queryset(user, spec: TriageFilter, *, counted: bool = True):
    """The triage board's items, filtered and sorted. ``counted=False`` leaves out the vote counts
    when neither the sort nor the filter needs them (see triage_page)."""
    queryset = visible_items(user)
    if spec.product is not None:
        queryset = queryset.filter(product=spec.product)
    if spec.kind:
        queryset = queryset.filter(kind=spec.kind)
    if spec.status is not None:
        queryset = queryset.filter(status=spec.status)
    else:
        queryset = queryset.filter(duplicate_of__isnull=True)
    if spec.release is not None:
        queryset = queryset.filter(affected_release=spec.release)
    if spec.q:
        queryset = queryset.filter(thread__title__icontains=spec.q)
    if counted or needs_counts(spec):
        queryset = with_vote_counts(queryset)
    if spec.owners_only:
        queryset = queryset.filter(Q(owner_votes__gt=0) | Q(reporter_is_owner=True))
    return queryset.select_related(*TRIAGE_RELATED).order_by(*_order(spec))


def needs_counts(spec: TriageFilter) -> bool:
    return spec.owners_only or spec.sort in ("owner_votes", "trend")


def _order(spec: TriageFilter) -> tuple[str, ...]:
    return SORTS.get(spec.sort, SORTS["votes"])[1]


class _CountedPagePaginator(Paginator):
    """Pages of items whose vote counts are computed for the page's rows only: SQLite computes a
    row's correlated counts before it sorts, so counting in the sorted query costs every item."""

    def __init__(self, object_list, per_page, *, spec: TriageFilter):
        super().__init__(object_list, per_page)
        self.spec = spec

    def _get_page(self, object_list, number, paginator):
        ids = object_list.values("pk")
        rows = (
            with_vote_counts(FeedbackItem.objects.filter(pk__in=ids))
            .select_related(*TRIAGE_BOARD_RELATED)
            .only(*TRIAGE_BOARD_FIELDS)
        )
        return super()._get_page(list(rows.order_by(*_order(self.spec))), number, paginator)


TRIAGE_RELATED = ("thread__author", "status", "product", "variant", "affected_release", "fixed_in")
# What a row of feedback/triage.html shows: the board reads these columns only (100 rows a page).
TRIAGE_BOARD_RELATED = ("thread__author", "status", "product", "affected_release", "fixed_in")
TRIAGE_BOARD_FIELDS = (
    "thread_id", "product_id", "kind", "status_id", "affected_release_id", "build_string",
    "fixed_in_id", "created_at", "thread__title", "thread__score", "thread__first_post_id",
    "thread__author_id", "thread__author__username", "thread__author__display_name",
    "status__key", "status__name", "status__category", "product__name",
    "affected_release__version", "fixed_in__version",
)  # fmt: skip


def triage_page(user, spec: TriageFilter, number, *, per_page: int) -> Page:
    """One page of the triage board, its rows with vote counts: a count and one page query."""
    if needs_counts(spec):
        return Paginator(triage_queryset(user, spec), per_page).get_page(number)
    paginator = _CountedPagePaginator(triage_queryset(user, spec, counted=False), per_page, spec=spec)
    return paginator.get_page(number)


@dataclass
class ItemPage:
    item: FeedbackItem
    timeline: list
    notes: list
    attachments: list
    duplicates: list
    owner_votes: int
    has_voted: bool
    is_team: bool
    statuses: list = field(default_factory=list)
    releases: list = field(default_factory=list)
    environment: list = field(default_factory=list)  # [(label, value)] in the product's field order


def environment_rows(item: FeedbackItem) -> list[tuple[str, str]]:
    """The item's environment as (label, value): labels from the product's field definitions (one
    query), in their order; a field the product no longer asks for keeps a label made from its name."""
    values = item.environment if isinstance(item.environment, dict) else {}
    if not values:
        return []
    schema = EnvironmentSchema.objects.filter(product_id=item.product_id).first()
    definitions = schema.definitions() if schema else []
    labels = {d["name"]: d["label"] for d in definitions}
    order = [d["name"] for d in definitions] + [name for name in values if name not in labels]
    return [
        (labels.get(name) or name.replace("_", " ").capitalize(), str(values[name]))
        for name in order
        if values.get(name) not in (None, "")
    ]


def item_page(user, item: FeedbackItem) -> ItemPage:
    is_team = is_product_team(user)
    counted = with_vote_counts(FeedbackItem.objects.filter(pk=item.pk)).values_list("owner_votes", flat=True)
    return ItemPage(
        item=item,
        timeline=list(
            StatusChange.objects.filter(item=item)
            .select_related("from_status", "to_status", "actor", "release")
            .order_by("created_at", "pk")
        ),
        notes=list(
            InternalNote.objects.filter(item=item).select_related("author").order_by("created_at", "pk")
        )
        if is_team
        else [],
        attachments=list(Attachment.objects.filter(item=item).order_by("pk")),
        duplicates=list(
            FeedbackItem.objects.filter(duplicate_of=item).select_related("thread").order_by("created_at")
        ),
        owner_votes=counted.first() or 0,
        has_voted=bool(user.is_authenticated)
        and Vote.objects.filter(post_id=item.thread.first_post_id, user_id=user.pk).exists(),
        is_team=is_team,
        statuses=list(Status.objects.ordered()) if user.is_authenticated else [],
        releases=list(
            Release.objects.filter(product_id=item.product_id, live=True).order_by("-released_on", "-pk")
        )
        if is_team
        else [],
        environment=environment_rows(item),
    )


def releases_of(product: Product, *, include_drafts: bool = False):
    queryset = Release.objects.filter(product=product)
    if not include_drafts:
        queryset = queryset.filter(live=True)
    return queryset.order_by("-released_on", "-pk")


@dataclass
class ReleasePage:
    release: Release
    sections: list  # [(section, [items])]
    regressions: list
    per_day: list  # [(date, count)]
    distribution: list  # [(stars, count, percent)]
    rating_count: int
    average: float | None
    my_rating: int | None


def release_page(user, release: Release) -> ReleasePage:
    referenced = release.referenced_sections()
    ids = {pk for pks in referenced.values() for pk in pks}
    by_thread = {
        item.thread_id: item
        for item in with_vote_counts(
            visible_items(user).filter(product_id=release.product_id, thread_id__in=ids)
        ).select_related("thread", "status", "fixed_in")
    }
    sections = [
        (name, [by_thread[pk] for pk in pks if pk in by_thread]) for name, pks in referenced.items() if pks
    ]
    reported = visible_items(user).filter(affected_release=release, duplicate_of__isnull=True)
    regressions = list(
        with_vote_counts(reported)
        .select_related("thread", "status")
        .order_by("-thread__score", "-created_at")[:50]
    )
    per_day = list(
        reported.filter(kind=FeedbackItem.Kind.BUG)
        .annotate(day=TruncDate("created_at"))
        .order_by("day")
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    counts = dict(BuildRating.objects.filter(release=release).values_list("stars").annotate(n=Count("pk")))
    total = sum(counts.values())
    my_rating = (
        BuildRating.objects.filter(release=release, user_id=user.pk).values_list("stars", flat=True).first()
        if user.is_authenticated
        else None
    )
    return ReleasePage(
        release=release,
        sections=sections,
        regressions=regressions,
        per_day=per_day,
        distribution=[
            (s, counts.get(s, 0), round(100 * counts.get(s, 0) / total) if total else 0)
            for s in range(5, 0, -1)
        ],
        rating_count=total,
        average=round(sum(s * n for s, n in counts.items()) / total, 2) if total else None,
        my_rating=my_rating,
    )


RECENTLY_FIXED_DAYS = 60


def roadmap(user, product: Product) -> dict[str, list]:
    items = with_vote_counts(
        visible_items(user).filter(product=product, duplicate_of__isnull=True)
    ).select_related("thread", "status", "fixed_in")
    since = timezone.now() - timedelta(days=RECENTLY_FIXED_DAYS)
    columns = {"planned": [], "in_progress": [], "fixed": []}
    open_or_fixed = items.filter(
        Q(status__category__in=[Status.Category.PLANNED, Status.Category.IN_PROGRESS])
        | Q(status__category=Status.Category.DONE, fixed_at__gte=since)
    ).order_by("-thread__score", "-pk")
    for item in open_or_fixed[:300]:
        key = {Status.Category.PLANNED: "planned", Status.Category.IN_PROGRESS: "in_progress"}.get(
            item.status.category, "fixed"
        )
        columns[key].append(item)
    return columns
