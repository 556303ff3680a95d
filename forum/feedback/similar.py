"""Similar feedback while a title is typed: search's ``similar`` API over the "feedback" type,
then one query for the items' status and votes."""

from forum.feedback.models import FeedbackItem
from forum.feedback.queries import visible_items, with_vote_counts
from search import api


def similar_items(user, *, title: str, product_id: int | None, limit: int = 5) -> list[FeedbackItem]:
    title = " ".join(title.split())
    if len(title) < 4:
        return []
    hits = api.similar(title, user=user, types=("feedback",), product_id=product_id, limit=limit)
    order = {hit.object_id: i for i, hit in enumerate(hits)}
    if not order:
        return []
    items = with_vote_counts(visible_items(user).filter(pk__in=order)).select_related(
        "thread", "status", "fixed_in"
    )
    return sorted(items, key=lambda item: order[item.pk])
