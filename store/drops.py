"""Which drop governs a product, and what a drop's sale page shows."""

from django.utils import timezone

from store.models import Drop


def governing_drop(product_id: int, now=None) -> Drop | None:
    """The drop that decides how ``product`` sells now: the earliest one that has not ended."""
    now = now or timezone.now()
    return (
        Drop.objects.filter(product_id=product_id)
        .exclude(ends_at__lte=now)
        .order_by("starts_at", "id")
        .first()
    )


def drops_by_product(product_ids, now=None) -> dict[int, Drop]:
    now = now or timezone.now()
    found: dict[int, Drop] = {}
    for drop in (
        Drop.objects.filter(product_id__in=list(product_ids))
        .exclude(ends_at__lte=now)
        .order_by("starts_at", "id")
    ):
        found.setdefault(drop.product_id, drop)
    return found
