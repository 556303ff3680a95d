"""What a duplicate can be merged into, as the product team types in the item page's "Merge into…"
box: the same product's feedback items that are not themselves merged, readable by the viewer, never
the duplicate itself.

Found through search's ``similar`` API over the "feedback" type (any of the typed words, best match
first, the way forum/feedback/similar.py asks), plus, in the same SQL query, an item whose number was
typed ("#123" or "123") and titles that contain the typed text (an item filed a moment ago that the
index has not caught up with); titles with more of the typed words first. The query count is fixed:
the search engine's, then one query.
"""

from django.db.models import Case, IntegerField, Q, Value, When

from community.parsing import parse_id
from forum.feedback.models import FeedbackItem
from forum.feedback.queries import visible_items
from forum.feedback.similar import relevance, significant_terms
from search import api
from search.query import parse

MIN_QUERY_LENGTH = 2  # one letter would match half the board
MAX_QUERY_LENGTH = 100
LIMIT = 8
SEARCH_HITS = 2 * LIMIT  # search sees every product's items it may show; a few are filtered out here
# What a candidate row shows: title, number, status, votes.
FIELDS = (
    "pk", "thread_id", "product_id", "status_id", "fixed_in_id", "duplicate_of_id",
    "thread__title", "thread__score", "status__key", "status__name", "status__category",
    "fixed_in__version",
)  # fmt: skip


def clean_query(text) -> str:
    """The typed text on one line, spaces collapsed, at most ``MAX_QUERY_LENGTH`` characters."""
    return " ".join(str(text or "").split())[:MAX_QUERY_LENGTH]


def merge_candidates(user, item: FeedbackItem, text: str, *, limit: int = LIMIT) -> list[FeedbackItem]:
    """Up to ``limit`` items ``item`` could be merged into, for ``text`` typed by ``user``: an item
    whose number was typed first, then titles with more of the typed words, in search's order, then
    titles that merely contain the text, by votes."""
    text = clean_query(text)
    number = parse_id(text.removeprefix("#").strip())
    if number is None and len(text) < MIN_QUERY_LENGTH:
        return []
    hit_ids: list[int] = []
    if number is None and parse(text).terms:
        hits = api.similar(
            text,
            user=user,
            types=("feedback",),
            product_id=item.product_id,
            exclude=(("feedback", item.pk),),
            limit=SEARCH_HITS,
        )
        hit_ids = list(dict.fromkeys(hit.object_id for hit in hits))
    match = Q(thread__title__icontains=text)
    ranks = []
    if number is not None:
        match |= Q(thread_id=number)
        ranks.append(When(thread_id=number, then=Value(-1)))
    if hit_ids:
        match |= Q(pk__in=hit_ids)
        ranks += [When(pk=pk, then=Value(i)) for i, pk in enumerate(hit_ids)]
    rank = Case(*ranks, default=Value(len(hit_ids)), output_field=IntegerField())
    rows = (
        visible_items(user)
        .filter(match, product_id=item.product_id, duplicate_of__isnull=True)
        .exclude(pk=item.pk)
        .select_related("thread", "status", "fixed_in")
        .only(*FIELDS)
        .annotate(rank=rank)
        .order_by("rank", "-thread__score", "-pk")
    )
    # Best first: the typed number, then titles with more of the typed words ("Bluetooth car": a
    # title with both before one with "car" only), then search's order, then votes.
    terms = significant_terms(text)
    found = list(rows[: limit + len(hit_ids)])
    found.sort(key=lambda row: (row.thread_id != number, -relevance(terms, row.thread.title)))
    return found[:limit]
