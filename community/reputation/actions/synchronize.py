"""Rebuild stored totals from the ledger and report the drift."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum

from community.reputation.models import ReputationEntry, ReputationTotal


@dataclass(frozen=True)
class Drift:
    user_id: int
    stored: int
    ledger: int


@transaction.atomic
def synchronize_totals(*, fix: bool = True) -> list[Drift]:
    """Every person's points as the sum of their live ledger rows; rows that differ are reported
    (and repaired unless ``fix`` is False)."""
    ledger = dict(
        ReputationEntry.objects.filter(reversed_at__isnull=True)
        .values("user_id")
        .annotate(total=Sum("points"))
        .values_list("user_id", "total")
    )
    stored = dict(ReputationTotal.objects.select_for_update().values_list("user_id", "points"))
    drifts = [
        Drift(user_id=user_id, stored=stored.get(user_id, 0), ledger=ledger.get(user_id, 0))
        for user_id in sorted(set(ledger) | set(stored))
        if stored.get(user_id, 0) != ledger.get(user_id, 0) or user_id not in stored
    ]
    if fix:
        for drift in drifts:
            ReputationTotal.objects.update_or_create(user_id=drift.user_id, defaults={"points": drift.ledger})
    return [drift for drift in drifts if drift.stored != drift.ledger]
