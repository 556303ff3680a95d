"""What feedback plugs into the forum core's slots (community.hooks), registered from
FeedbackConfig.ready(). Feedback builds on the forum core: it imports the core, and the core reaches
feedback only through these hooks (the import-linter contract in pyproject.toml keeps it so)."""

from django.db.models import F
from django.urls import reverse

from community.profiles.queries import ActivityItem, ActivityTab
from forum.feedback.models import FeedbackItem, Status
from forum.feedback.permissions import is_product_team
from forum.models import Board, Thread
from forum.permissions import filter_threads
from forum.queries import ListingBadges, ThreadBadge


def thread_badges(*, thread) -> list[ThreadBadge]:
    """forum.thread_badges: the status of the feedback a thread carries, linking to the item
    ("Bug · Fixed in 1.4.2"). One query, on feedback boards only."""
    if thread.board.kind != Board.Kind.FEEDBACK:
        return []
    item = FeedbackItem.objects.filter(thread_id=thread.pk).select_related("status", "fixed_in").first()
    if item is None:
        return []
    label = f"{item.get_kind_display()} · {item.status.name}"
    if item.fixed_in_id:
        label += f" in {item.fixed_in.version}"
    return [ThreadBadge(label=label, url=item.get_absolute_url(), title="Open the feedback item")]


# Status categories as status chip tones (themes/base/templates/components/status_chip.html).
CATEGORY_TONES = {
    Status.Category.OPEN: "info",
    Status.Category.PLANNED: "progress",
    Status.Category.IN_PROGRESS: "progress",
    Status.Category.DONE: "success",
    Status.Category.CLOSED: "muted",
}


def listing_badges(*, board) -> ListingBadges | None:
    """forum.listing_badges: on a feedback board's listing (and on listings across boards, such as
    the home page's latest threads), each thread's feedback kind and status, read as columns of the
    listing's own query. Everyone sees them, signed in or not."""
    if board is not None and board.kind != Board.Kind.FEEDBACK:
        return None
    return ListingBadges(
        annotations={
            "feedback_item_id": F("feedback__pk"),
            "feedback_kind": F("feedback__kind"),
            "feedback_status": F("feedback__status__name"),
            "feedback_category": F("feedback__status__category"),
            "feedback_fixed_in": F("feedback__fixed_in__version"),
        },
        badges=_listing_badges_of,
    )


def _listing_badges_of(thread) -> list[ThreadBadge]:
    if getattr(thread, "feedback_item_id", None) is None:
        return []
    kind = FeedbackItem.Kind(thread.feedback_kind).label if thread.feedback_kind else ""
    label = thread.feedback_status or ""
    if thread.feedback_fixed_in and thread.feedback_category == Status.Category.DONE:
        label = f"{label} in {thread.feedback_fixed_in}"
    # An item is addressed by its thread's number (FeedbackItem.get_absolute_url), not its own pk.
    url = reverse("forum:feedback:item", kwargs={"pk": thread.pk})
    status = ThreadBadge(
        label=label,
        url=url,
        title=f"{kind}: {label}" if kind else label,
        tone=CATEGORY_TONES.get(thread.feedback_category, "neutral"),
    )
    return [status, ThreadBadge(label=kind)] if kind else [status]


def nav_links(*, user) -> list[tuple[str, str]]:
    """forum.nav_links: the product team's way to the triage board."""
    return [("Triage", reverse("forum:feedback:triage"))] if is_product_team(user) else []


def thread_dependents(thread):
    """forum.thread_dependents: a feedback item's search document embeds its thread (title, opening
    post, votes, board access), so it is re-indexed with the thread."""
    return FeedbackItem.objects.filter(thread_id=thread.pk)


def _feedback_items(items) -> list[ActivityItem]:
    return [
        ActivityItem(
            title=item.thread.title,
            url=item.thread.get_absolute_url(),
            created_at=item.created_at,
            summary=f"{item.get_kind_display()} · {item.status.name}",
        )
        for item in items
    ]


def activity_tabs(*, user, viewer) -> list[ActivityTab]:
    """profiles.activity_tabs: what a person filed, and what of it was fixed, in boards the viewer
    can read (each tab one query when loaded). Registered after the forum's threads and replies."""

    def feedback(*, fixed: bool):
        def load(limit: int) -> list[ActivityItem]:
            visible = filter_threads(viewer, Thread.objects.filter(author=user)).values("pk")
            queryset = FeedbackItem.objects.filter(thread__in=visible).select_related("thread", "status")
            if fixed:
                queryset = queryset.filter(status__category=Status.Category.DONE).order_by("-fixed_at", "-pk")
            else:
                queryset = queryset.order_by("-created_at", "-pk")
            return _feedback_items(queryset[:limit])

        return load

    return [
        ActivityTab(slug="feedback", label="Feedback filed", load=feedback(fixed=False)),
        ActivityTab(slug="fixed", label="Feedback fixed", load=feedback(fixed=True)),
    ]
