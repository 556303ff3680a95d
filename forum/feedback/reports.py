"""The weekly report's numbers (a fixed number of queries)."""

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from forum.feedback.models import OPEN_CATEGORIES, FeedbackItem, Release
from forum.feedback.queries import visible_items
from store.models import Product

DAYS = 14
FIX_WINDOW_DAYS = 90


@dataclass
class Weekly:
    product: Product | None
    products: list
    days: int
    per_day: list  # [(date, {kind: n})]
    top_open: list
    fixed_per_release: list  # [(label, n)]
    median_days_to_fix: float | None
    fixed_sample: int
    new_count: int


def weekly(user, *, product_slug: str = "") -> Weekly:
    products = list(Product.objects.filter(feedback_items__isnull=False).distinct().order_by("name"))
    product = next((p for p in products if p.slug == product_slug), None)
    items = visible_items(user)
    releases = Release.objects.filter(live=True)
    if product is not None:
        items, releases = items.filter(product=product), releases.filter(product=product)
    today = timezone.localdate()
    start = today - timedelta(days=DAYS - 1)
    counts = (
        items.filter(created_at__date__gte=start)
        .annotate(day=TruncDate("created_at"))
        .values_list("day", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table = {start + timedelta(days=i): {k: 0 for k in FeedbackItem.Kind.values} for i in range(DAYS)}
    for day, kind, n in counts:
        if day in table:
            table[day][kind] = n
    top_open = list(
        items.filter(status__category__in=OPEN_CATEGORIES, duplicate_of__isnull=True)
        .select_related("thread", "status")
        .order_by("-thread__score", "-pk")[:10]
    )
    fixed_per_release = [
        # the version first: a label that must be shortened keeps what tells the bars apart
        (r.version if product is not None else f"{r.version} · {r.product.name}", r.n)
        for r in releases.select_related("product")
        .annotate(n=Count("fixed_items"))
        .order_by("-released_on", "-pk")[:8]
    ][::-1]
    since = timezone.now() - timedelta(days=FIX_WINDOW_DAYS)
    spans = [
        (fixed - created).total_seconds() / 86400
        for created, fixed in items.filter(fixed_at__gte=since).values_list("created_at", "fixed_at")
    ]
    return Weekly(
        product=product,
        products=products,
        days=DAYS,
        per_day=sorted(table.items()),
        top_open=top_open,
        fixed_per_release=fixed_per_release,
        median_days_to_fix=round(statistics.median(spans), 1) if spans else None,
        fixed_sample=len(spans),
        new_count=sum(sum(v.values()) for v in table.values()),
    )
