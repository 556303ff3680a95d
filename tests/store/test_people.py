"""The store's answers to the people apps' hooks (store/people.py): shapes, one query each, and the
ownership rule (paid, not fully refunded)."""

import pytest

from community import hooks
from community.reputation.api import VERIFIED_OWNER
from community.reputation.queries import product_choices as community_product_choices
from community.reputation.queries import product_names as community_product_names
from store.actions.payments import settle_demo_payment
from store.actions.refunds import refund_order
from store.models import Product
from store.people import badge_holders, owned_products, product_choices, product_names
from tests.factories import UserFactory
from tests.store.factories import ProductFactory, VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]


def paid_order(user, variant):
    order = place_test_order(user=user, variant=variant)
    settle_demo_payment(order=order, succeed=True)
    order.refresh_from_db()
    return order


@pytest.fixture
def team(db):
    return UserFactory(username="mira", is_staff=True, is_superuser=True)


def test_hooks_are_registered():
    assert owned_products in hooks.get(hooks.Hook.PROFILES_OWNED_PRODUCTS)
    assert product_names in hooks.get(hooks.Hook.COMMUNITY_PRODUCT_NAMES)
    assert product_choices in hooks.get(hooks.Hook.COMMUNITY_PRODUCT_CHOICES)
    assert badge_holders in hooks.get(hooks.Hook.REPUTATION_BADGE_HOLDERS)


def test_owned_products_lists_paid_products_in_one_query(member, team, django_assert_num_queries):
    # Given a paid order, a fully refunded one, a pending one, and someone else's paid order
    kept = VariantFactory(product=ProductFactory(name="Canopy Phone", slug="canopy-phone"))
    refunded = VariantFactory(product=ProductFactory(name="Canopy Watch"))
    pending = VariantFactory(product=ProductFactory(name="Canopy Buds"))
    paid_order(member, kept)
    gone = paid_order(member, refunded)
    refund_order(order_id=gone.pk, actor=team, amount_minor=gone.total_minor, reason="Returned")
    place_test_order(user=member, variant=pending)
    paid_order(UserFactory(), VariantFactory(product=ProductFactory(name="Canopy Tab")))

    with django_assert_num_queries(1):
        owned = owned_products(member)

    assert owned == [{"product_id": kept.product_id, "name": "Canopy Phone", "url": "/store/canopy-phone/"}]


def test_partially_refunded_orders_still_own(member, team):
    variant = VariantFactory(price_minor=5000)
    order = paid_order(member, variant)
    refund_order(order_id=order.pk, actor=team, amount_minor=100, reason="Scratch")
    assert [row["product_id"] for row in owned_products(member)] == [variant.product_id]


def test_owned_products_of_nobody_is_empty(member, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert owned_products(member) == []


def test_product_names_in_one_query(django_assert_num_queries):
    phone, watch = ProductFactory(name="Phone"), ProductFactory(name="Watch", status=Product.Status.DRAFT)
    with django_assert_num_queries(1):
        assert product_names([phone.pk, watch.pk, 999999]) == {phone.pk: "Phone", watch.pk: "Watch"}
    with django_assert_num_queries(0):
        assert product_names([]) == {}
    # Through community's query: unknown ids fall back to "Product #n".
    assert community_product_names([phone.pk, 999999]) == {phone.pk: "Phone", 999999: "Product #999999"}


def test_product_choices_lists_active_products_by_name(django_assert_num_queries):
    zeta, alpha = ProductFactory(name="Zeta"), ProductFactory(name="Alpha")
    ProductFactory(name="Draft", status=Product.Status.DRAFT)
    with django_assert_num_queries(1):
        choices = product_choices()
    assert choices == [(alpha.pk, "Alpha"), (zeta.pk, "Zeta")]
    assert community_product_choices() == choices


def test_badge_holders_are_verified_owners_only(member, other_member, team, django_assert_num_queries):
    paid_order(member, VariantFactory())
    paid_order(member, VariantFactory())  # two orders, still one holder
    refunded = paid_order(other_member, VariantFactory())
    refund_order(order_id=refunded.pk, actor=team, amount_minor=refunded.total_minor, reason="Returned")
    place_test_order(user=UserFactory(), variant=VariantFactory())  # pending
    paid_order(None, VariantFactory())  # a guest

    with django_assert_num_queries(1):
        holders = badge_holders()

    assert holders == {VERIFIED_OWNER: {member.pk}}
