import pytest

from forum.feedback.models import FeedbackItem
from forum.feedback.queries import TriageFilter, release_page, triage_queryset, with_vote_counts
from store.actions.refunds import refund_order
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_item, make_owner, make_release, vote
from tests.store.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def owner_votes(item) -> int:
    return with_vote_counts(FeedbackItem.objects.filter(pk=item.pk)).get().owner_votes


def test_owner_votes_count_only_paid_orders_of_that_product(item, variant):
    owner, other_owner, unpaid, plain = (
        UserFactory(username=n) for n in ("owner", "otherowner", "unpaid", "plain")
    )
    make_owner(owner, variant)
    make_owner(other_owner, VariantFactory(product=ProductFactory(slug="home-hub"), sku="HH-1"))
    from tests.store.factories import place_test_order

    place_test_order(user=unpaid, variant=variant, email=unpaid.email)  # pending: not paid
    vote(item, owner, other_owner, unpaid, plain)

    assert item.thread.__class__.objects.get(pk=item.thread_id).score == 4
    assert owner_votes(item) == 1


def test_a_refunded_order_no_longer_counts(item, variant):
    owner = UserFactory(username="owner")
    order = make_owner(owner, variant)
    vote(item, owner)
    assert owner_votes(item) == 1
    staff = UserFactory(username="cashier", is_staff=True, is_superuser=True)
    refund_order(order_id=order.pk, actor=staff, amount_minor=order.total_minor - 1)
    assert owner_votes(item) == 1  # partly refunded: still an owner
    refund_order(order_id=order.pk, actor=staff, amount_minor=1)
    assert owner_votes(item) == 0


def test_triage_filters_and_sorts(feedback_board, team, variant):
    owner = UserFactory(username="owner")
    make_owner(owner, variant)
    popular = make_item(board=feedback_board, title="Popular bug report")
    owned = make_item(board=feedback_board, title="Owners care about this", kind="SUGGESTION")
    vote(popular, *[UserFactory(username=f"v{i}") for i in range(3)])
    vote(owned, owner)

    def titles(**kwargs):
        return [i.thread.title for i in triage_queryset(team, TriageFilter(**kwargs))]

    assert titles(sort="votes") == ["Popular bug report", "Owners care about this"]
    assert titles(sort="owner_votes")[0] == "Owners care about this"
    assert titles(owners_only=True) == ["Owners care about this"]
    assert titles(kind="BUG") == ["Popular bug report"]
    assert titles(sort="age") == ["Popular bug report", "Owners care about this"]


def test_regressions_are_listed_per_release(feedback_board, product):
    old = make_release(product=product, version="1.4.1", live=True)
    new = make_release(product=product, version="1.4.2", live=True)
    against_new = [
        make_item(board=feedback_board, release=new, title=f"Broke in 1.4.2 number {i}") for i in range(2)
    ]
    make_item(board=feedback_board, release=old, title="Old problem in 1.4.1")
    make_item(board=feedback_board, release=new, title="An idea for 1.4.2", kind="SUGGESTION")
    anonymous = UserFactory(username="visitor")

    page = release_page(anonymous, new)

    assert {i.pk for i in page.regressions} >= {i.pk for i in against_new}
    assert "Old problem in 1.4.1" not in [i.thread.title for i in page.regressions]
    assert sum(n for _, n in page.per_day) == 2  # new bug reports per day: suggestions do not count
