"""Tester programmes: apply, admit, decline, remove (never without a notice and a reason)."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from community.notifications.actions import notify
from community.notifications.models import NotificationKind
from community.profiles.models import TesterApplication, TesterProgramme
from community.profiles.testers import check_manage_testers
from community.reputation.actions.badges import award_badge
from community.reputation.badges import BETA_TESTER

# Programme decisions have their own kind (e-mailed right away by default: a decision deserves it).
NOTICE_KIND = NotificationKind.PROGRAMME
Status = TesterApplication.Status


def ensure_testers_group(*, programme: TesterProgramme) -> Group:
    """The programme's group of admitted testers, made the first time someone is admitted."""
    if programme.group_id is None:
        group, _ = Group.objects.get_or_create(name=f"Testers: {programme.name}"[:150])
        programme.group = group
        programme.save(update_fields=["group"])
    return programme.group


def _locked(application: TesterApplication) -> TesterApplication:
    return (
        TesterApplication.objects.select_for_update()
        .select_related("programme", "user")
        .get(pk=application.pk)
    )


def _tell(application: TesterApplication, *, actor, text: str) -> None:
    notify(
        recipient_ids=[application.user_id],
        kind=NOTICE_KIND,
        text=text,
        url=application.programme.get_absolute_url(),
        actor=actor,
    )


@transaction.atomic
def apply_to_programme(
    *, user, programme: TesterProgramme, motivation: str, setup: str = ""
) -> TesterApplication:
    """Apply (or apply again after a decline or removal). A pending or admitted application stays as it is."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Sign in to apply.")
    if not programme.is_open:
        raise ValidationError("This programme is not taking applications right now.")
    motivation = (motivation or "").strip()
    if not motivation:
        raise ValidationError("Tell the team why you want to test.")
    application = TesterApplication.objects.select_for_update().filter(programme=programme, user=user).first()
    now = timezone.now()
    if application is None:
        return TesterApplication.objects.create(
            programme=programme,
            user=user,
            motivation=motivation[:2000],
            setup=(setup or "")[:200],
            created_at=now,
        )
    if application.status in {Status.PENDING, Status.ADMITTED}:
        return application
    application.status, application.reason = Status.PENDING, ""
    application.motivation, application.setup = motivation[:2000], (setup or "")[:200]
    application.decided_by, application.decided_at, application.created_at = None, None, now
    application.save()
    return application


@transaction.atomic
def admit_tester(*, actor, application: TesterApplication) -> TesterApplication:
    check_manage_testers(actor)
    application = _locked(application)
    if application.status != Status.PENDING:
        raise ValidationError("Only a pending application can be admitted.")
    now = timezone.now()
    application.status, application.reason = Status.ADMITTED, ""
    application.decided_by, application.decided_at, application.admitted_at = actor, now, now
    application.save()
    application.user.groups.add(ensure_testers_group(programme=application.programme))
    award_badge(user=application.user_id, code=BETA_TESTER, now=now)
    _tell(
        application,
        actor=actor,
        text=f"Welcome to {application.programme.name}: your application was accepted.",
    )
    return application


@transaction.atomic
def decline_application(*, actor, application: TesterApplication, reason: str) -> TesterApplication:
    check_manage_testers(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give the applicant a reason.")
    application = _locked(application)
    if application.status != Status.PENDING:
        raise ValidationError("Only a pending application can be declined.")
    application.status, application.reason = Status.DECLINED, reason[:300]
    application.decided_by, application.decided_at = actor, timezone.now()
    application.save()
    _tell(
        application,
        actor=actor,
        text=f"Your application to {application.programme.name} was declined: {reason}",
    )
    return application


@transaction.atomic
def remove_tester(*, actor, application: TesterApplication, reason: str) -> TesterApplication:
    """Remove a tester: always with a reason, always with a notice; they leave the programme's group."""
    check_manage_testers(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Nobody is removed without a reason.")
    application = _locked(application)
    if application.status != Status.ADMITTED:
        raise ValidationError("Only an admitted tester can be removed.")
    application.status, application.reason = Status.REMOVED, reason[:300]
    application.decided_by, application.decided_at = actor, timezone.now()
    application.save()
    if application.programme.group_id:
        application.user.groups.remove(application.programme.group_id)
    _tell(application, actor=actor, text=f"You were removed from {application.programme.name}: {reason}")
    return application
