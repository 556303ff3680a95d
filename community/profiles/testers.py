"""Tester programmes: apply, admit, decline, remove (never without a notice and a reason), and the
contribution score of each tester (ledger points on the programme's product since admission)."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from community.notifications.actions import notify
from community.notifications.models import NotificationKind
from community.profiles.models import TesterApplication, TesterProgramme
from community.reputation.badges import BETA_TESTER, award_badge
from community.reputation.models import ReputationEntry

# Programme decisions have their own kind (e-mailed right away by default: a decision deserves it).
NOTICE_KIND = NotificationKind.PROGRAMME
Status = TesterApplication.Status


def can_manage_testers(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or user.has_perm("profiles.manage_testers"))
    )


def check_manage_testers(user) -> None:
    if not can_manage_testers(user):
        raise PermissionDenied("Only the product team manages testers.")


def testers_group(programme: TesterProgramme) -> Group:
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
def apply(*, user, programme: TesterProgramme, motivation: str, setup: str = "") -> TesterApplication:
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
def admit(*, actor, application: TesterApplication) -> TesterApplication:
    check_manage_testers(actor)
    application = _locked(application)
    if application.status != Status.PENDING:
        raise ValidationError("Only a pending application can be admitted.")
    now = timezone.now()
    application.status, application.reason = Status.ADMITTED, ""
    application.decided_by, application.decided_at, application.admitted_at = actor, now, now
    application.save()
    application.user.groups.add(testers_group(application.programme))
    award_badge(user=application.user_id, code=BETA_TESTER, now=now)
    _tell(
        application,
        actor=actor,
        text=f"Welcome to {application.programme.name}: your application was accepted.",
    )
    return application


@transaction.atomic
def decline(*, actor, application: TesterApplication, reason: str) -> TesterApplication:
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
def remove(*, actor, application: TesterApplication, reason: str) -> TesterApplication:
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


def with_scores(queryset, programme: TesterProgramme):
    """Annotate applications with ``score``: live ledger points on the programme's product since admission."""
    if programme.product_id is None:
        return queryset.annotate(score=Value(0, output_field=IntegerField()))
    points = (
        ReputationEntry.objects.filter(
            user_id=OuterRef("user_id"),
            product_id=programme.product_id,
            reversed_at__isnull=True,
            created_at__gte=OuterRef("admitted_at"),
        )
        .order_by()
        .values("user_id")
        .annotate(total=Sum("points"))
        .values("total")
    )
    return queryset.annotate(score=Coalesce(Subquery(points, output_field=IntegerField()), Value(0)))


def testers(programme: TesterProgramme) -> list[TesterApplication]:
    queryset = programme.applications.filter(status=Status.ADMITTED).select_related("user")
    return list(with_scores(queryset, programme).order_by("-score", "admitted_at", "id"))


def applications_for_team(programme: TesterProgramme) -> list[TesterApplication]:
    queryset = programme.applications.select_related("user", "decided_by")
    return list(with_scores(queryset, programme).order_by("status", "-created_at", "-id"))


def top_testers(*, product_id: int, limit: int = 10) -> list[int]:
    """User ids of a product's testers by contribution score (for purchase-right grants)."""
    programme = TesterProgramme.objects.filter(product_id=product_id).first()
    return [] if programme is None else [row.user_id for row in testers(programme)[:limit]]


def beta_tester_holders() -> dict[str, set[int]]:
    """The ``reputation.badge_holders`` hook: everyone ever admitted to a programme."""
    return {
        BETA_TESTER: set(
            TesterApplication.objects.filter(admitted_at__isnull=False).values_list("user_id", flat=True)
        )
    }
