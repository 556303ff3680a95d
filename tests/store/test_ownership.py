import pytest

from store.actions.payments import settle_demo_payment
from store.models import Order
from store.ownership import is_verified_owner, owner_user_ids
from tests.factories import UserFactory
from tests.store.factories import VariantFactory, place_test_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]


def test_paid_orders_make_owners_in_one_query(django_assert_num_queries):
    variant = VariantFactory()
    product = variant.product
    paid, pending, refunded, stranger = (UserFactory() for _ in range(4))
    settle_demo_payment(order=place_test_order(user=paid, variant=variant), succeed=True)
    place_test_order(user=pending, variant=variant)
    order = place_test_order(user=refunded, variant=variant)
    settle_demo_payment(order=order, succeed=True)
    Order.objects.filter(pk=order.pk).update(status=Order.Status.REFUNDED)
    settle_demo_payment(order=place_test_order(user=stranger, variant=VariantFactory()), succeed=True)

    with django_assert_num_queries(1):
        owners = owner_user_ids(
            product_id=product.pk, user_ids=[paid.pk, pending.pk, refunded.pk, stranger.pk]
        )

    assert owners == {paid.pk}
    assert is_verified_owner(user=paid, product=product)
    assert not is_verified_owner(user=pending, product=product)


def test_no_users_means_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert owner_user_ids(product_id=1, user_ids=[]) == set()


def test_anonymous_is_never_an_owner():
    from django.contrib.auth.models import AnonymousUser

    assert not is_verified_owner(user=AnonymousUser(), product=VariantFactory().product)


def test_owners_subquery_counts_owners_inside_another_query(django_assert_num_queries):
    from django.db.models import Exists, OuterRef

    from community.models import User
    from store.models import Product
    from store.ownership import owners_subquery

    variant = VariantFactory()
    owner, pending, refunded = (UserFactory() for _ in range(3))
    settle_demo_payment(order=place_test_order(user=owner, variant=variant), succeed=True)
    place_test_order(user=pending, variant=variant)
    order = place_test_order(user=refunded, variant=variant)
    settle_demo_payment(order=order, succeed=True)
    Order.objects.filter(pk=order.pk).update(status=Order.Status.REFUNDED)

    with django_assert_num_queries(1):
        ids = set(
            User.objects.filter(pk__in=owners_subquery(variant.product_id)).values_list("pk", flat=True)
        )
    assert ids == {owner.pk}
    owns = Product.objects.filter(pk=variant.product_id).annotate(
        owner_bought=Exists(owners_subquery(OuterRef("pk"), user_ref=owner.pk)),
        pending_bought=Exists(owners_subquery(OuterRef("pk"), user_ref=pending.pk)),
    )
    assert owns.values_list("owner_bought", "pending_bought").get() == (True, False)
