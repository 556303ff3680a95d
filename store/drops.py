"""Which drop governs a product, and what a drop's sale page shows."""

import json
from datetime import UTC

from django.db.models import JSONField, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.dateparse import parse_datetime

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


_DROP_FIELDS = (
    "id", "product_id", "title", "slug", "starts_at", "ends_at", "quantity", "remaining",
    "per_person_limit", "requires_code", "created_at",
)  # fmt: skip


def governing_drop_json(product_ref, now=None) -> Subquery:
    """governing_drop as one JSON column of the product's own query (no query of its own);
    read it back with drop_from_json."""
    now = now or timezone.now()
    return Subquery(
        Drop.objects.filter(product_id=product_ref)
        .exclude(ends_at__lte=now)
        .order_by("starts_at", "id")
        .values(json=JSONObject(**{name: name for name in _DROP_FIELDS}))[:1],
        output_field=JSONField(),
    )


def drop_from_json(value) -> Drop | None:
    if not value:
        return None
    if isinstance(value, str):  # some backends hand the JSON over undecoded
        value = json.loads(value)
    fields = dict(value)
    for name in ("starts_at", "ends_at", "created_at"):
        moment = fields.get(name)
        if isinstance(moment, str):
            moment = parse_datetime(moment)
            if moment is not None and timezone.is_naive(moment):
                moment = timezone.make_aware(moment, UTC)
            fields[name] = moment
    fields["requires_code"] = bool(fields["requires_code"])
    return Drop.from_db("default", list(_DROP_FIELDS), [fields[name] for name in _DROP_FIELDS])


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
