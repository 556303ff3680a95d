"""Reports from members, the moderation queue's outcomes, and suspensions."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import ngettext

from community.models import User
from community.notifications.actions import notify
from community.notifications.models import NotificationKind
from community.reputation import api as reputation
from forum.actions.common import log_moderation
from forum.actions.moderation import set_post_visibility
from forum.limits import hit
from forum.models import Post, Report, Suspension
from forum.permissions import access_for, check_moderate, check_not_suspended, check_see_post


@transaction.atomic
def report_post(*, actor, post: Post, reason: str) -> Report:
    check_see_post(actor, post)
    check_not_suspended(actor)
    reason = " ".join((reason or "").split())
    if len(reason) < 3:
        raise ValidationError("Say briefly what is wrong with this post.")
    if len(reason) > 500:
        raise ValidationError("Keep the reason under 500 characters.")
    if post.author_id == actor.pk:
        raise ValidationError("You cannot report your own post; edit or delete it instead.")
    hit(actor, "report")
    try:
        with transaction.atomic():
            return Report.objects.create(
                post=post,
                reporter=actor,
                reason=reason,
                weight=reputation.report_weight(actor),
                created_at=timezone.now(),
            )
    except IntegrityError:
        raise ValidationError("You already reported this post; moderators will look at it.") from None


@transaction.atomic
def handle_report(*, actor, report: Report, outcome: str, reason: str = "") -> Report:
    """outcome: "dismiss", or "hide"/"delete" (the post, which resolves every open report on it)."""
    report = Report.objects.select_for_update().select_related("post__thread").get(pk=report.pk)
    check_moderate(actor, report.post.thread.board_id)
    if report.status != Report.Status.OPEN:
        return report
    now = timezone.now()
    if outcome == "dismiss":
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.DISMISSED, handled_by=actor, handled_at=now
        )
        log_moderation(
            actor=actor, action="report_dismissed", thread=report.post.thread, post=report.post, reason=reason
        )
    elif outcome in {"hide", "delete"}:
        set_post_visibility(
            actor=actor,
            post=report.post,
            state="hidden" if outcome == "hide" else "deleted",
            reason=reason or report.reason,
        )
        Report.objects.filter(post=report.post, status=Report.Status.OPEN).update(
            status=Report.Status.RESOLVED, handled_by=actor, handled_at=now
        )
    else:
        raise ValidationError("Unknown outcome.")
    report.refresh_from_db()
    return report


def _check_can_suspend(actor, user):
    access = access_for(actor)
    if not (access.is_global_moderator or access.moderated):
        raise PermissionDenied("Only moderators can suspend members.")
    if user.pk == actor.pk or user.is_superuser:
        raise PermissionDenied("That account cannot be suspended.")


@transaction.atomic
def suspend_user(*, actor, user: User, reason: str, days: int | None = None) -> Suspension:
    """Suspend for ``days`` (temporary) or for good (``days=None``)."""
    _check_can_suspend(actor, user)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError("Give a reason: the member sees it.")
    if days is not None and not 1 <= days <= 3650:
        raise ValidationError("A temporary suspension lasts 1 to 3650 days.")
    now = timezone.now()
    suspension = Suspension.objects.create(
        user=user,
        reason=reason[:500],
        starts_at=now,
        ends_at=now + timedelta(days=days) if days else None,
        created_by=actor,
    )
    log_moderation(actor=actor, action="suspend", target_user=user, reason=reason, days=days)
    until = (
        ngettext("for %(n)d day", "for %(n)d days", days) % {"n": days} if days else "until further notice"
    )
    notify(
        recipient_ids=[user.pk],
        kind=NotificationKind.MODERATION,
        text=f"Your account is suspended {until}: {reason}"[:300],
        url="/forum/",
        actor=actor,
    )
    return suspension


@transaction.atomic
def lift_suspension(*, actor, suspension: Suspension, reason: str = "") -> Suspension:
    suspension = Suspension.objects.select_for_update().select_related("user").get(pk=suspension.pk)
    _check_can_suspend(actor, suspension.user)
    if suspension.lifted_at is None:
        suspension.lifted_at = timezone.now()
        Suspension.objects.filter(pk=suspension.pk).update(lifted_at=suspension.lifted_at)
        log_moderation(actor=actor, action="unsuspend", target_user=suspension.user, reason=reason)
    return suspension


def check_can_suspend(actor) -> None:
    access = access_for(actor)
    if not (access.is_global_moderator or access.moderated):
        raise PermissionDenied("Only moderators can do that.")


__all__ = ["check_can_suspend", "handle_report", "lift_suspension", "report_post", "suspend_user"]
