"""The webhook pages' read paths, each with an exact query count whatever the number of rows."""

import pytest
from django.utils import timezone

from tests.webhooks.conftest import subscribe
from webhooks import queries
from webhooks.models import Attempt, Delivery

pytestmark = pytest.mark.django_db


def add_deliveries(subscription, count):
    now = timezone.now()
    for n in range(count):
        delivery = Delivery.objects.create(
            subscription=subscription,
            webhook_id=f"msg_{subscription.pk}_{n}",
            event="order.paid",
            subject=f"order:{n}",
            body='{"type":"order.paid"}',
            status=Delivery.Status.FAILED if n % 2 else Delivery.Status.SUCCEEDED,
            attempt_count=2,
            created_at=now,
        )
        for number in (1, 2):
            Attempt.objects.create(delivery=delivery, number=number, started_at=now, status_code=500)
    return delivery


@pytest.mark.parametrize("size", [1, 6])
def test_each_page_reads_a_fixed_number_of_queries(team, size, django_assert_num_queries, settings):
    settings.WEBHOOKS_LOG_PAGE_SIZE = 4
    for n in range(size):
        subscription, _ = subscribe(team, f"https://hooks{n}.example.com/", ["order.paid"])
        last = add_deliveries(subscription, size)
    with django_assert_num_queries(1):
        rows = queries.subscriptions_page()
        assert [row.owner.username for row in rows] == ["mira"] * size
        assert rows[0].failed_count == size // 2
    with django_assert_num_queries(2):
        page = queries.subscription_page(subscription.pk)
        assert len(page.deliveries) == min(size, 4)
        assert (page.older is not None) == (size > 4)
    with django_assert_num_queries(2):
        page = queries.delivery_page(subscription.pk, last.pk)
        assert [attempt.number for attempt in page.attempts] == [2, 1]
        assert page.delivery.subscription.url == subscription.url


def test_the_log_pages_back_with_its_filter(team, settings):
    settings.WEBHOOKS_LOG_PAGE_SIZE = 2
    subscription, _ = subscribe(team, "https://hooks.example.com/", ["order.paid"])
    add_deliveries(subscription, 5)
    failed = queries.subscription_page(subscription.pk, status="FAILED")
    assert [d.status for d in failed.deliveries] == ["FAILED", "FAILED"] and failed.older is None
    first = queries.subscription_page(subscription.pk)
    second = queries.subscription_page(subscription.pk, before=first.older)
    assert {d.pk for d in first.deliveries}.isdisjoint(d.pk for d in second.deliveries)
    assert queries.subscription_page(subscription.pk, status="nonsense").status == ""
