"""Reputation from feedback: what a reporter earns as their item moves through the statuses
(bug acknowledged, suggestion accepted, fixed). Called inside the status action's transaction;
idempotent like forum/reputation.py, whose subjects it shares."""

from community.reputation import api as reputation
from forum.feedback.models import FeedbackItem, Status
from forum.reputation import thread_subject


def feedback_rules_earned(*, kind: str, status) -> set[str]:
    """The feedback rules a reporter holds while their item is in ``status``."""
    progressed = status.category in (
        Status.Category.PLANNED,
        Status.Category.IN_PROGRESS,
        Status.Category.DONE,
    )
    earned = set()
    if kind == FeedbackItem.Kind.BUG and (status.key == "acknowledged" or progressed):
        earned.add(reputation.BUG_ACKNOWLEDGED)
    if kind == FeedbackItem.Kind.SUGGESTION and progressed:
        earned.add(reputation.SUGGESTION_ACCEPTED)
    if status.category == Status.Category.DONE:
        earned.add(reputation.FEEDBACK_FIXED)
    return earned


FEEDBACK_RULES = (
    reputation.BUG_ACKNOWLEDGED,
    reputation.SUGGESTION_ACCEPTED,
    reputation.FEEDBACK_FIXED,
)


def feedback_status_changed(*, item, status, actor) -> None:
    """Award the reporter what the new status earns; take back what it no longer earns."""
    thread = item.thread
    earned = feedback_rules_earned(kind=item.kind, status=status)
    for rule in FEEDBACK_RULES:
        if rule in earned:
            reputation.award(
                user=thread.author,
                rule=rule,
                source=thread,
                actor=actor,
                subject=thread_subject(thread.pk),
                product_id=item.product_id,
            )
        else:
            reputation.reverse_entries(source=thread, rule=rule, reason=f"feedback moved to {status.key}")
