"""What the team's webhook pages read, each one function with a fixed number of queries (pinned in
tests/webhooks/test_queries.py)."""

import json
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.http import Http404

from webhooks import conf
from webhooks.models import Attempt, Delivery, Subscription

S = Delivery.Status


def subscriptions_page() -> list[Subscription]:
    """Every subscription with its owner and delivery counts: one query."""
    return list(
        Subscription.objects.select_related("owner")
        .annotate(
            delivered_count=Count("deliveries", filter=Q(deliveries__status=S.SUCCEEDED)),
            failed_count=Count("deliveries", filter=Q(deliveries__status=S.FAILED)),
            waiting_count=Count("deliveries", filter=Q(deliveries__status__in=[S.PENDING, S.SENDING])),
            last_delivery_at=Max("deliveries__created_at"),
        )
        .order_by("-created_at", "-pk")
    )


@dataclass
class SubscriptionPage:
    subscription: Subscription
    deliveries: list[Delivery]
    status: str  # the log's status filter, "" for all
    older: int | None  # the ``before`` cursor of the next (older) page


def subscription_page(pk: int, *, status: str = "", before: int | None = None) -> SubscriptionPage:
    """A subscription and one page of its delivery log, newest first: two queries."""
    subscription = Subscription.objects.select_related("owner").filter(pk=pk).first()
    if subscription is None:
        raise Http404("No such subscription.")
    if status not in S.values:
        status = ""
    deliveries = Delivery.objects.filter(subscription_id=pk)
    if status:
        deliveries = deliveries.filter(status=status)
    if before is not None:
        deliveries = deliveries.filter(pk__lt=before)
    size = conf.log_page_size()
    rows = list(deliveries.order_by("-pk")[: size + 1])
    older = rows[size - 1].pk if len(rows) > size else None
    return SubscriptionPage(subscription=subscription, deliveries=rows[:size], status=status, older=older)


@dataclass
class DeliveryPage:
    delivery: Delivery
    attempts: list[Attempt]
    pretty_body: str


def delivery_page(subscription_pk: int, pk: int) -> DeliveryPage:
    """A delivery with its subscription, and its attempts: two queries."""
    delivery = (
        Delivery.objects.select_related("subscription").filter(pk=pk, subscription_id=subscription_pk).first()
    )
    if delivery is None:
        raise Http404("No such delivery.")
    attempts = list(delivery.attempts.select_related("actor").order_by("-number"))
    try:
        pretty = json.dumps(json.loads(delivery.body), indent=2, ensure_ascii=False)
    except ValueError:
        pretty = delivery.body
    return DeliveryPage(delivery=delivery, attempts=attempts, pretty_body=pretty)
