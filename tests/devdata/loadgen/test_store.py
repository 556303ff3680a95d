import io

import pytest
from django.core.management import call_command
from django.db.models import Min

from community.reputation.badges import VERIFIED_OWNER
from community.reputation.models import BadgeAward
from store.models import Order

pytestmark = pytest.mark.django_db


def test_each_buyer_is_a_verified_owner_from_their_first_paid_order():
    call_command("generate_load_data", posts=600, stdout=io.StringIO())
    first_paid = dict(
        Order.objects.filter(status=Order.Status.PAID)
        .values_list("user_id")
        .annotate(first=Min("paid_at"))
        .values_list("user_id", "first")
    )
    awards = dict(BadgeAward.objects.filter(badge__code=VERIFIED_OWNER).values_list("user_id", "awarded_at"))
    assert first_paid and awards == first_paid
    assert all(order.fulfilment_status == Order.Fulfilment.UNFULFILLED for order in Order.objects.all())
