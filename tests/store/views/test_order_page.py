"""The buyer's order page (store/views/orders.py order_detail): the timeline, in a pinned number of queries."""

import pytest

from store.actions.fulfilment import mark_order_packed, mark_order_shipped
from store.actions.payments import settle_demo_payment
from tests.factories import make_team_member
from tests.store.factories import VariantFactory, place_test_order

PINNED = 6  # session, user, the order, its lines, its events (the timeline reads these), the header
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]


@pytest.fixture
def shipped_order(member):
    mira = make_team_member()
    order = place_test_order(user=member, variant=VariantFactory(), email="leo@example.com")
    settle_demo_payment(order=order, succeed=True)
    mark_order_packed(order_id=order.pk, actor=mira)
    mark_order_shipped(order_id=order.pk, actor=mira, carrier="DHL Express", tracking_number="JD014")
    return order


def test_the_buyer_sees_where_the_parcel_is(client, member, shipped_order):
    client.force_login(member)
    html = client.get(shipped_order.get_absolute_url()).content.decode()
    assert 'data-step="shipped" aria-current="step"' in html
    assert "DHL Express · JD014" in html
    assert 'href="https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD014"' in html
    assert 'class="order-timeline__step order-timeline__step--upcoming" data-step="delivered"' in html


def test_the_order_page_keeps_its_query_count_with_the_timeline(
    client, member, shipped_order, django_assert_num_queries
):
    client.force_login(member)
    client.get(shipped_order.get_absolute_url())  # warm the site and settings caches
    # within the signed-in budget of 8: the timeline adds none
    with django_assert_num_queries(PINNED):
        response = client.get(shipped_order.get_absolute_url())
    assert response.status_code == 200


def test_someone_else_gets_a_404(client, other_member, shipped_order):
    client.force_login(other_member)
    assert client.get(shipped_order.get_absolute_url()).status_code == 404


def test_the_orders_list_says_where_each_parcel_is(client, member, shipped_order):
    client.force_login(member)
    html = client.get("/store/orders/").content.decode()
    assert f'data-order="{shipped_order.number}"' in html and "Paid</span> · Shipped" in html
