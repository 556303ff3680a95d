"""Tester programmes: who manages them, and the contribution score of each tester (ledger points on
the programme's product since admission). Applying, admitting, declining and removing are actions
(``community.profiles.actions.testers``)."""

from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from community.profiles.models import TesterApplication, TesterProgramme
from community.reputation.badges import BETA_TESTER
from community.reputation.models import ReputationEntry

Status = TesterApplication.Status


def can_manage_testers(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or user.has_perm("profiles.manage_testers"))
    )


def check_manage_testers(user) -> None:
    if not can_manage_testers(user):
        raise PermissionDenied("Only the product team manages testers.")


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
