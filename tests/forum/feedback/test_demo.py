import pytest

from community.demo import DEMO_PEOPLE
from forum.feedback.demo import seed_feedback_demo
from forum.feedback.models import FeedbackItem, Release, Status
from forum.models import Board
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory
from tests.store.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_demo_seed_covers_every_status_and_is_idempotent():
    for person in DEMO_PEOPLE:
        UserFactory(username=person.username, is_staff=person.role != "member")
    for slug in ("aurora-14", "aurora-buds-pro", "home-hub"):
        product = ProductFactory(slug=slug, name=slug.replace("-", " ").title())
        BoardFactory(slug=f"{slug}-feedback", kind=Board.Kind.FEEDBACK, product=product)

    seed_feedback_demo()
    counts = (FeedbackItem.objects.count(), Release.objects.count())
    seed_feedback_demo()

    assert (FeedbackItem.objects.count(), Release.objects.count()) == counts
    assert set(FeedbackItem.objects.values_list("status__key", flat=True)) == set(
        Status.objects.values_list("key", flat=True)
    )
    assert FeedbackItem.objects.filter(duplicate_of__isnull=False).exists()
    assert FeedbackItem.objects.filter(fixed_in__isnull=False).exists()
    assert set(Release.objects.values_list("channel", flat=True)) >= {"STABLE", "WEEKLY"}
