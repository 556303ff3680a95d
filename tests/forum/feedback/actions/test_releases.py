import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.notifications.models import Notification
from forum.feedback.actions.releases import publish_release, rate_build, set_release_subscription
from forum.feedback.models import BuildRating, FeedbackItem, Release, ReleaseNotification
from forum.models import ThreadWatch
from store.actions.refunds import refund_order
from tests.factories import UserFactory
from tests.forum.feedback.factories import make_item, make_owner, make_release, vote

pytestmark = pytest.mark.django_db


def test_publishing_fixes_referenced_items_and_tells_each_person_once(feedback_board, product, variant, team):
    reporter_a, reporter_b = UserFactory(username="ra"), UserFactory(username="rb")
    a = make_item(board=feedback_board, author=reporter_a, title="Wi-Fi drops after sleep")
    b = make_item(board=feedback_board, author=reporter_b, title="Camera app freezes", kind="SUGGESTION")
    both = UserFactory(username="both")  # votes on both items: still one notification
    vote(a, both)
    vote(b, both)
    follower = UserFactory(username="follower")
    ThreadWatch.objects.create(user=follower, thread=a.thread, created_at=a.created_at)
    owner = UserFactory(username="owner")
    make_owner(owner, variant)
    set_release_subscription(actor=owner, product=product, subscribed=True)
    release = make_release(
        product=product, version="1.4.2", changelog=f"## Fixed\n- Wi-Fi reconnects (#{a.thread_id})\n"
    )

    told = publish_release(actor=team, release=release)

    a.refresh_from_db()
    assert a.status.key == "fixed" and a.fixed_in == release and a.status_label == "Fixed in 1.4.2"
    assert Release.objects.get(pk=release.pk).live
    assert sorted(told) == sorted(u.pk for u in (reporter_a, both, follower, owner))
    # an edit adds item b, then the release is published again, twice
    release.changelog += f"\n## New\n- Camera: new night mode (#{b.thread_id})\n"
    release.save()
    publish_release(actor=team, release=release)
    publish_release(actor=team, release=release)

    assert FeedbackItem.objects.get(pk=b.pk).status.key == "fixed"
    per_person = {
        u.username: Notification.objects.filter(recipient=u).count()
        for u in (reporter_a, reporter_b, both, follower, owner)
    }
    assert per_person == {"ra": 1, "rb": 1, "both": 1, "follower": 1, "owner": 1}
    assert ReleaseNotification.objects.filter(release=release).count() == 5
    assert Notification.objects.filter(recipient=team).count() == 0


def test_opted_in_non_owners_and_refunded_owners_are_not_told(product, variant, team):
    refunded = UserFactory(username="refunded")
    order = make_owner(refunded, variant)
    staff = UserFactory(username="cashier", is_staff=True, is_superuser=True)
    refund_order(order_id=order.pk, actor=staff, amount_minor=order.total_minor)
    stranger = UserFactory(username="stranger")
    for user in (refunded, stranger):
        set_release_subscription(actor=user, product=product, subscribed=True)
    told = publish_release(actor=team, release=make_release(product=product, version="2.0.0"))
    assert told == []


def test_only_the_team_publishes(product, reporter):
    with pytest.raises(PermissionDenied):
        publish_release(actor=reporter, release=make_release(product=product))


def test_reports_that_typed_the_build_are_matched_when_it_ships(feedback_board, product, team):
    item = make_item(board=feedback_board, build_string="v1.5.0")
    assert item.affected_release is None and item.build_string == "v1.5.0"
    release = make_release(product=product, version="1.5.0")
    publish_release(actor=team, release=release)
    item.refresh_from_db()
    assert item.affected_release == release and item.build_string == ""


def test_rating_a_build(product, reporter):
    release = make_release(product=product, live=True)
    rate_build(actor=reporter, release=release, stars="4")
    rate_build(actor=reporter, release=release, stars=5)
    assert list(BuildRating.objects.values_list("stars", flat=True)) == [5]
    for bad in (0, 6, "x", None):
        with pytest.raises(ValidationError):
            rate_build(actor=reporter, release=release, stars=bad)
    with pytest.raises(ValidationError):
        rate_build(actor=reporter, release=make_release(product=product, version="9.9.9"), stars=3)


def test_changelog_sections_and_references():
    release = Release(
        changelog="- early fix #4\n## New\n- thing (#12)\n## Improved\n- x #12 and #13\n## Fixed\n- [#7](/forum/feedback/7/)\n"
    )
    assert release.referenced_sections() == {"new": [12], "improved": [12, 13], "fixed": [4, 7]}
    assert release.referenced_thread_ids() == [12, 13, 4, 7]
