"""Read paths of the feedback pages. Each runs a fixed number of SQL queries whatever the data size."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, JSONField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from forum.feedback.models import (
    Attachment,
    BuildRating,
    EnvironmentSchema,
    FeedbackItem,
    InternalNote,
    Release,
    ReleaseSubscription,
    Status,
    StatusChange,
)
from forum.feedback.permissions import is_product_team
from forum.models import Thread, Vote
from forum.permissions import filter_threads
from store.models import Product, Variant
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
        owner_votes=_owner_votes(),
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


def _triage_paginator(user, spec: TriageFilter, *, per_page: int) -> Paginator:
    if needs_counts(spec):
        return Paginator(triage_queryset(user, spec), per_page)
    return _CountedPagePaginator(triage_queryset(user, spec, counted=False), per_page, spec=spec)


def triage_page(user, spec: TriageFilter, number, *, per_page: int) -> Page:
    """One page of the triage board, its rows with vote counts: a count and one page query."""
    return _triage_paginator(user, spec, per_page=per_page).get_page(number)


def count_by_status(paginator: Paginator) -> dict[int, int]:
    """{status id: items} of the paginator's items, read by the statement that counts them: one
    GROUP BY whose sum becomes the paginator's count (so the board's status chart costs no query)."""
    counts = dict(
        paginator.object_list.order_by()
        .values("status_id")
        .annotate(items=Count("pk"))
        .values_list("status_id", "items")
    )
    paginator.count = sum(counts.values())
    return counts


@dataclass
class TriageBoard:
    """Everything the triage board shows (``triage_board``)."""

    form: object  # the bound filter form (forum.feedback.forms.TriageFilterForm), its choices read
    page: Page  # this page of items, each with its vote counts
    items: list
    statuses: list  # every status: the bulk change form's choices
    query: str  # the filter as a query string, without the page (pager and CSV links)
    by_status: list = field(default_factory=list)  # [(Status, items)] of the filter, in workflow order


def triage_board(user, params, *, per_page: int) -> TriageBoard:
    """The product team's triage board for the filter in ``params`` (a QueryDict), in a fixed number
    of queries pinned in tests/forum/feedback/test_queries.py: the filter's products, statuses and
    releases (three; the form renders and validates from them), then the items' count by status
    (the total and the status chart) and the page's rows with their vote counts (two). The caller
    checks the team (permissions.check_team)."""
    from forum.feedback.forms import TriageFilterForm

    form = TriageFilterForm(params or None)
    statuses = list(Status.objects.ordered())
    form.preload(
        products=Product.objects.order_by("name"),
        statuses=statuses,
        releases=Release.objects.select_related("product").order_by("product_id", "-released_on"),
    )
    paginator = _triage_paginator(user, form.spec(), per_page=per_page)
    counts = count_by_status(paginator)
    page = paginator.get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return TriageBoard(
        form=form,
        page=page,
        items=list(page.object_list),
        statuses=statuses,
        query=query.urlencode(),
        by_status=[(status, counts[status.pk]) for status in statuses if counts.get(status.pk)],
    )


@dataclass
class ItemPage:
    """Everything the feedback item page shows (``item_page``)."""

    item: FeedbackItem
    timeline: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # the product team's internal notes
    attachments: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)  # items merged into this one
    owner_votes: int = 0
    has_voted: bool = False
    is_team: bool = False
    description_html: str = ""
    environment: list = field(default_factory=list)  # [(label, value)] in the product's field order
    statuses: list = field(default_factory=list)  # the team's status form: every status but duplicate
    releases: list = field(default_factory=list)  # the team's status form: the product's live releases
    closed_status_id: int | None = None  # the reporter's "Close my report"
    merge_query: str = ""  # what the team typed in "Merge into…" (the page without JavaScript)
    candidates: list = field(default_factory=list)  # what that finds (forum.feedback.candidates)
    merged_into: FeedbackItem | None = None  # merged away: where the reader is sent (nothing else is read)


ITEM_RELATED = (
    "thread__board",
    "thread__author",
    "status",
    "product",
    "variant",
    "affected_release",
    "fixed_in",
    "duplicate_of__thread",
)


def _owner_votes():
    """The votes by verified owners of the item's product on the item's opening post."""
    votes = Vote.objects.filter(post_id=OuterRef("thread__first_post_id"))
    return _count(votes.filter(user_id__in=owners_subquery(OuterRef(OuterRef("product_id")))))


def _of_product(product: Product, releases) -> None:
    """A release of ``product`` links through its product's slug: give it the product read already."""
    for release in releases:
        if release is not None and release.product_id == product.pk:
            release.product = product


def item_page(user, pk: int, *, merge_query: str = "") -> ItemPage:
    """Everything the feedback item page shows, read without writing anything, in a fixed number of
    queries pinned in tests/forum/feedback/test_queries.py: the item with its thread, board, status,
    product, releases and what it is a duplicate of, its owner votes, the reader's vote, the
    product's environment labels and whether it has attachments and duplicates (one query); its
    timeline (one); then only when there are some: its attachments (one), its merged duplicates
    (one); for the product team its internal notes and the status form's statuses and releases
    (three), and the "Merge into…" candidates when something was typed (forum.feedback.candidates).
    A merged duplicate read by someone outside the team reads only where it went (``merged_into``).
    Raises Http404 when the item is absent or out of sight."""
    from django.http import Http404

    from forum.markdown import render_markdown
    from forum.permissions import access_covering, check_see_thread

    items = FeedbackItem.objects.filter(thread_id=pk).select_related(*ITEM_RELATED)
    items = items.annotate(
        owner_votes=_owner_votes(),
        environment_fields=Subquery(
            EnvironmentSchema.objects.filter(product_id=OuterRef("product_id")).values("fields")[:1],
            output_field=JSONField(),
        ),
        has_attachments=Exists(Attachment.objects.filter(item_id=OuterRef("pk"))),
        has_duplicates=Exists(FeedbackItem.objects.filter(duplicate_of_id=OuterRef("pk"))),
    )
    if user.is_authenticated:
        items = items.annotate(
            reader_voted=Exists(
                Vote.objects.filter(post_id=OuterRef("thread__first_post_id"), user_id=user.pk)
            ),
            closed_status_id=Subquery(Status.objects.filter(key=Status.CLOSED).values("pk")[:1]),
        )
    item = items.first()
    if item is None:
        raise Http404("No such feedback.")
    is_team = is_product_team(user)
    thread = item.thread
    if item.duplicate_of_id and not is_team:
        # Merged into another item (its thread removed with it): a reader of the board goes there.
        if not access_covering(user, thread.board_id).can_read(thread.board_id):
            raise Http404("No such feedback.")
        return ItemPage(item=item, merged_into=item.duplicate_of)
    check_see_thread(user, thread)
    _of_product(item.product, [item.affected_release, item.fixed_in])
    page = ItemPage(
        item=item,
        owner_votes=item.owner_votes or 0,
        has_voted=bool(getattr(item, "reader_voted", False)),
        is_team=is_team,
        description_html=render_markdown(item.description) if item.description else "",
        environment=environment_rows(item, item.environment_fields),
        closed_status_id=getattr(item, "closed_status_id", None),
    )
    page.timeline = list(
        StatusChange.objects.filter(item=item)
        .select_related("from_status", "to_status", "actor", "release")
        .order_by("created_at", "pk")
    )
    _of_product(item.product, [change.release for change in page.timeline])
    if item.has_attachments:
        page.attachments = list(Attachment.objects.filter(item=item).order_by("pk"))
    if item.has_duplicates:
        page.duplicates = list(
            FeedbackItem.objects.filter(duplicate_of=item).select_related("thread").order_by("created_at")
        )
    if is_team:
        page.notes = internal_notes(item.pk)
        page.statuses = list(Status.objects.exclude(key=Status.DUPLICATE).ordered())
        page.releases = list(
            Release.objects.filter(product_id=item.product_id, live=True).order_by("-released_on", "-pk")
        )
        _of_product(item.product, page.releases)
        from forum.feedback.candidates import clean_query, merge_candidates

        page.merge_query = clean_query(merge_query)
        if page.merge_query:
            page.candidates = merge_candidates(user, item, page.merge_query)
    return page


def internal_notes(item_pk: int) -> list[InternalNote]:
    """An item's internal notes with their authors, oldest first (one query). The product team's
    only: callers check ``is_product_team`` first (the item page, the API's notes)."""
    return list(
        InternalNote.objects.filter(item_id=item_pk).select_related("author").order_by("created_at", "pk")
    )


def environment_rows(item: FeedbackItem, fields) -> list[tuple[str, str]]:
    """The item's environment as (label, value): labels from the product's field definitions
    (``fields`` as stored in its EnvironmentSchema, read with the item), in their order; a field
    the product no longer asks for keeps a label made from its name."""
    values = item.environment if isinstance(item.environment, dict) else {}
    if not values:
        return []
    definitions = EnvironmentSchema(fields=fields or []).definitions()
    labels = {d["name"]: d["label"] for d in definitions}
    order = [d["name"] for d in definitions] + [name for name in values if name not in labels]
    return [
        (labels.get(name) or name.replace("_", " ").capitalize(), str(values[name]))
        for name in order
        if values.get(name) not in (None, "")
    ]


def reportable_variants(product_id: int):
    """The models a report may name: the product's active variants, in the store's order (the filing
    form's choices and the API's check)."""
    return Variant.objects.filter(product_id=product_id, is_active=True).order_by("sort_order", "pk")


def reportable_releases(product_id: int):
    """The versions a report may name: the product's published releases (``live``), newest first (the
    filing form's choices and the API's check)."""
    return Release.objects.filter(product_id=product_id, live=True).order_by("-released_on", "-pk")


def active_product(slug: str) -> Product:
    """A product on sale, by slug; Http404 otherwise."""
    from django.http import Http404

    product = Product.objects.filter(slug=slug, status=Product.Status.ACTIVE).first()
    if product is None:
        raise Http404("No such product.")
    return product


def release_by_version(product_slug: str, version: str, *, include_drafts: bool = False) -> Release:
    """A product's release with its product; Http404 when absent, or a draft and drafts are not shown."""
    from django.http import Http404

    release = (
        Release.objects.filter(product__slug=product_slug, version=version).select_related("product").first()
    )
    if release is None or (not release.live and not include_drafts):
        raise Http404("No such release.")
    return release


def releases_of(product: Product, *, include_drafts: bool = False):
    """A product's releases, newest first, each with its product (a release links through its slug)."""
    queryset = Release.objects.filter(product=product).select_related("product")
    if not include_drafts:
        queryset = queryset.filter(live=True)
    return queryset.order_by("-released_on", "-pk")


@dataclass
class ReleasePage:
    """Everything a release's page shows (``release_page``)."""

    release: Release
    sections: list  # [(section, [items])]: the feedback its changelog references, as the reader sees it
    regressions: list
    per_day: list  # [(date, count)]
    distribution: list  # [(stars, count, percent)]
    rating_count: int
    average: float | None
    my_rating: int | None
    is_team: bool = False
    changelog_html: str = ""  # the changelog once, its #references linked to the items

    @property
    def product(self) -> Product:
        return self.release.product


def release_page(user, product_slug: str, version: str) -> ReleasePage:
    """Everything a release's page shows, in a fixed number of queries pinned in
    tests/forum/feedback/test_queries.py: the release with its product (one), the items its
    changelog references (one, only when it references some), what was reported against it (one)
    and per day (one), and its ratings with the reader's own (one). Drafts are the team's only;
    Http404 otherwise."""
    from forum.feedback.changelog import linked_changelog

    is_team = is_product_team(user)
    release = release_by_version(product_slug, version, include_drafts=is_team)
    referenced = release.referenced_sections()
    ids = {pk for pks in referenced.values() for pk in pks}
    by_thread = {}
    if ids:
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
        .select_related("thread", "status", "fixed_in")
        .order_by("-thread__score", "-created_at")[:50]
    )
    _of_product(release.product, [item.fixed_in for item in [*by_thread.values(), *regressions]])
    per_day = list(
        reported.filter(kind=FeedbackItem.Kind.BUG)
        .annotate(day=TruncDate("created_at"))
        .order_by("day")
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    ratings = BuildRating.objects.filter(release=release).values_list("stars").annotate(n=Count("pk"))
    if user.is_authenticated:  # the reader's own rating rides along: its group counts one of theirs
        ratings = ratings.annotate(mine=Count("pk", filter=Q(user_id=user.pk)))
    counts, my_rating = {}, None
    for stars, n, *mine in ratings.order_by():
        counts[stars] = n
        if mine and mine[0]:
            my_rating = stars
    total = sum(counts.values())
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
        is_team=is_team,
        changelog_html=linked_changelog(release.changelog, by_thread),
    )


RECENTLY_FIXED_DAYS = 60


@dataclass
class RoadmapPage:
    product: Product
    columns: dict  # {"planned": [items], "in_progress": [...], "fixed": [...]}


def roadmap_page(user, product_slug: str) -> RoadmapPage:
    """A product's roadmap: planned, in progress and recently fixed items by votes, in two queries
    (the product, then the items with their vote counts). Http404 for a product not on sale."""
    product = active_product(product_slug)
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
    _of_product(product, [item.fixed_in for item in columns["fixed"]])
    return RoadmapPage(product=product, columns=columns)


CHANGELOG_RELEASES = 30


@dataclass
class ChangelogPage:
    product: Product
    releases: list  # [(release, changelog html)], newest first
    subscribed: bool = False  # the reader hears about new releases


def changelog_page(user, product_slug: str) -> ChangelogPage:
    """A product's changelog: its last live releases with their changelogs rendered, and whether the
    reader subscribed to release news, in two queries (the product with the reader's subscription,
    then the releases). Http404 for a product not on sale."""
    from django.http import Http404

    from forum.markdown import render_markdown

    products = Product.objects.filter(slug=product_slug, status=Product.Status.ACTIVE)
    if user.is_authenticated:
        products = products.annotate(
            reader_subscribed=Exists(
                ReleaseSubscription.objects.filter(product_id=OuterRef("pk"), user_id=user.pk)
            )
        )
    product = products.first()
    if product is None:
        raise Http404("No such product.")
    releases = list(releases_of(product)[:CHANGELOG_RELEASES])
    return ChangelogPage(
        product=product,
        releases=[(release, render_markdown(release.changelog)) for release in releases],
        subscribed=bool(getattr(product, "reader_subscribed", False)),
    )
