"""What the reputation app adds to a person's data export (the ``profiles.export`` hook)."""

from community.reputation.models import BadgeAward, CheckIn, ReputationEntry, ReputationTotal


def export_reputation(user) -> dict:
    total = ReputationTotal.objects.filter(user=user).first()
    return {
        "reputation": {
            "points": total.points if total else 0,
            "longest_checkin_streak": total.longest_checkin_streak if total else 0,
            "ledger": [
                {
                    "rule": entry.rule,
                    "points": entry.points,
                    "source": f"{entry.source_type.app_label}.{entry.source_type.model}:{entry.source_id}",
                    "subject": entry.subject,
                    "product_id": entry.product_id,
                    "note": entry.note,
                    "created_at": entry.created_at.isoformat(),
                    "reversed_at": entry.reversed_at.isoformat() if entry.reversed_at else None,
                    "reversed_reason": entry.reversed_reason,
                }
                for entry in ReputationEntry.objects.filter(user=user)
                .select_related("source_type")
                .order_by("created_at", "id")
            ],
            "badges": [
                {
                    "badge": award.badge.code,
                    "name": award.badge.name,
                    "awarded_at": award.awarded_at.isoformat(),
                }
                for award in BadgeAward.objects.filter(user=user)
                .select_related("badge")
                .order_by("awarded_at")
            ],
            "checkins": [
                day.isoformat()
                for day in CheckIn.objects.filter(user=user).order_by("day").values_list("day", flat=True)
            ],
        }
    }
