"""Every event the actions announce reaches the subscribers, and a payload never carries what the
subscription's owner could not read on the site: a subscriber whose owner cannot see a private board
gets no event from it, and order events only go where the owner may manage orders (the team).

The product team moderates every board (forum.conf.moderator_group), so it reads private boards too:
the owners without access here hold the webhook permission alone."""

import json

import pytest
from django.contrib.auth.models import Group

from forum.feedback.actions.merging import merge_duplicate
from forum.feedback.actions.releases import publish_release
from forum.feedback.actions.status import set_feedback_status
from forum.feedback.models import Status
from forum.limits import limits_off
from forum.models import Board
from store.actions.payments import settle_demo_payment
from store.actions.refunds import refund_order
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_replies, make_thread
from tests.forum.feedback.factories import make_item, make_release
from tests.store.factories import ProductFactory, VariantFactory, place_test_order
from tests.webhooks.conftest import make_webhook_user, subscribe
from webhooks import payloads
from webhooks.models import Delivery

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_payments")]

ALL = [
    "thread.started",
    "post.created",
    "feedback.filed",
    "feedback.status_changed",
    "feedback.merged",
    "release.published",
    "order.paid",
    "order.refunded",
]


@pytest.fixture
def demo_payments(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""


@pytest.fixture
def beta(db):
    return Group.objects.create(name="Beta testers")


@pytest.fixture
def insider(beta):
    """Holds the webhook permission and is a beta tester: reads the private board."""
    user = make_webhook_user("beta-integrator")
    user.groups.add(beta)
    return user


def private(slug, beta, **kwargs):
    access = Board.Access.GROUP
    return BoardFactory(
        slug=slug, read_access=access, start_access=access, reply_access=access, access_group=beta, **kwargs
    )


def received(receiver, subscription) -> list[dict]:
    """The payloads the server received for one subscription, in order."""
    ids = set(Delivery.objects.filter(subscription=subscription).values_list("webhook_id", flat=True))
    return [json.loads(r["body"]) for r in receiver.requests if r["headers"]["webhook-id"] in ids]


def test_a_private_board_reaches_only_subscribers_whose_owner_reads_it(
    team, webhook_only_user, insider, beta, receiver, django_capture_on_commit_callbacks
):
    outsider_subscription, _ = subscribe(webhook_only_user, receiver.url, ALL)
    insider_subscription, _ = subscribe(insider, receiver.url, ALL)
    team_subscription, _ = subscribe(team, receiver.url, ["thread.started"])
    board = private("beta-lab", beta)
    public = BoardFactory(slug="general")
    tester = UserFactory(username="tester")
    tester.groups.add(beta)
    with django_capture_on_commit_callbacks(execute=True):
        secret_thread = make_thread(board=board, author=tester, title="Build 15.2 beta boots twice")
        make_replies(secret_thread, 1, authors=[tester])
        make_thread(board=public, author=UserFactory(username="leo"), title="Open to everyone here")

    assert [p["type"] for p in received(receiver, insider_subscription)] == [
        "thread.started",
        "post.created",
        "thread.started",
    ]
    outsider_payloads = received(receiver, outsider_subscription)
    assert [p["data"]["thread"]["title"] for p in outsider_payloads] == ["Open to everyone here"]
    assert "Build 15.2" not in json.dumps(outsider_payloads)
    assert not Delivery.objects.filter(
        subscription=outsider_subscription, subject__startswith="post:"
    ).exists()
    # The team moderates every board, private ones included.
    assert len(received(receiver, team_subscription)) == 2


def test_feedback_in_a_private_board_and_the_release_that_fixes_it(
    team, webhook_only_user, insider, beta, receiver, django_capture_on_commit_callbacks
):
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    secret_board = private("aurora-beta-feedback", beta, kind=Board.Kind.FEEDBACK, product=product)
    open_board = BoardFactory(slug="aurora-feedback", kind=Board.Kind.FEEDBACK, product=product)
    outsider_subscription, _ = subscribe(webhook_only_user, receiver.url, ALL)
    insider_subscription, _ = subscribe(insider, receiver.url, ALL)
    with django_capture_on_commit_callbacks(execute=True):
        hidden = make_item(board=secret_board, author=insider, title="Beta camera freezes on launch")
        shown = make_item(board=open_board, title="Battery drains overnight on standby")
        with limits_off():
            set_feedback_status(
                actor=team, item=hidden, status=Status.objects.get(key="acknowledged"), comment="Seen it."
            )
        release = make_release(
            product=product,
            version="1.4.2",
            changelog=f"- Fixed #{hidden.thread_id}\n- Fixed #{shown.thread_id}",
        )
        publish_release(actor=team, release=release)

    def by_type(subscription):
        found = {}
        for payload in received(receiver, subscription):
            found.setdefault(payload["type"], []).append(payload["data"])
        return found

    inside, outside = by_type(insider_subscription), by_type(outsider_subscription)
    assert [d["item"]["title"] for d in inside["feedback.filed"]] == [
        "Beta camera freezes on launch",
        "Battery drains overnight on standby",
    ]
    assert [d["item"]["title"] for d in outside["feedback.filed"]] == ["Battery drains overnight on standby"]
    assert inside["feedback.status_changed"][0]["to_status"]["key"] == "acknowledged"
    # The release fixes both: each owner's payload lists what they may read, nothing more.
    assert {d["item"]["title"] for d in outside["feedback.status_changed"]} == {
        "Battery drains overnight on standby"
    }
    [inside_release] = inside["release.published"]
    [outside_release] = outside["release.published"]
    assert outside_release["release"]["version"] == "1.4.2"
    assert {i["id"] for i in inside_release["fixed"]} == {hidden.thread_id, shown.thread_id}
    assert [i["id"] for i in outside_release["fixed"]] == [shown.thread_id]
    assert "Beta camera" not in json.dumps(received(receiver, outsider_subscription))


def test_a_merge_reaches_owners_who_read_both_items(team, receiver, django_capture_on_commit_callbacks):
    product = ProductFactory(slug="hub")
    board = BoardFactory(slug="hub-feedback", kind=Board.Kind.FEEDBACK, product=product)
    subscription, _ = subscribe(team, receiver.url, ["feedback.merged"])
    original = make_item(board=board, title="Hub drops Wi-Fi every night")
    duplicate = make_item(board=board, title="Wi-Fi keeps dropping on the hub")
    with django_capture_on_commit_callbacks(execute=True):
        merge_duplicate(actor=team, duplicate=duplicate, survivor=original)
    [payload] = received(receiver, subscription)
    assert payload["data"]["survivor"]["id"] == original.thread_id
    assert payload["data"]["duplicate"]["id"] == duplicate.thread_id
    assert payload["data"]["duplicate"]["status"]["key"] == "duplicate"


def test_order_events_go_only_where_the_owner_may_read_orders(
    team, webhook_only_user, member, receiver, django_capture_on_commit_callbacks
):
    team_subscription, _ = subscribe(team, receiver.url, ["order.paid", "order.refunded"])
    other, _ = subscribe(webhook_only_user, receiver.url, ["order.paid", "order.refunded", "thread.started"])
    order = place_test_order(user=member, variant=VariantFactory(price_minor=5000), email="ada@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        settle_demo_payment(order=order, succeed=True)
        refund_order(order_id=order.pk, actor=team, amount_minor=1200, reason="Dented box")
        make_thread(board=BoardFactory(slug="general"), author=member)

    paid, refunded = received(receiver, team_subscription)
    assert paid["type"] == "order.paid" and paid["data"]["order"]["number"] == order.number
    assert paid["data"]["order"]["total_minor"] == order.total_minor
    assert paid["data"]["order"]["email"] == "ada@example.com"
    assert "shipping" not in json.dumps(paid["data"]["order"]["lines"])
    assert refunded["type"] == "order.refunded"
    assert refunded["data"]["refund"] == {
        "amount_minor": 1200,
        "currency": order.currency,
        "reason": "Dented box",
        "created_at": refunded["data"]["refund"]["created_at"],
    }
    # The webhook-only subscriber (not the team, no order permission) hears the thread only.
    assert [p["type"] for p in received(receiver, other)] == ["thread.started"]
    assert order.number not in json.dumps(received(receiver, other))


def test_a_payload_carries_no_shipping_address_nor_payment_ids(team, member, settings):
    order = place_test_order(user=member, variant=VariantFactory(price_minor=5000))
    settle_demo_payment(order=order, succeed=True)
    _, data = payloads.build("order.paid", team, order_id=order.pk)
    text = json.dumps(data)
    assert order.shipping_line1 not in text and order.shipping_name not in text
    assert "stripe" not in text.lower()


def test_nobody_reads_what_is_gone(team):
    assert payloads.build("thread.started", team, thread_id=999_999) is None
    assert payloads.build("order.paid", team, order_id=999_999) is None
    assert payloads.build("feedback.status_changed", team, change_id=999_999) is None


def test_readable_now_checks_the_event_and_every_listed_item_again(team, webhook_only_user, insider, beta):
    """What a delivery checks before each attempt (webhooks.actions.deliveries.withheld_reason)."""
    product = ProductFactory(name="Aurora 14", slug="aurora-14")
    secret_board = private("aurora-beta-feedback", beta, kind=Board.Kind.FEEDBACK, product=product)
    open_board = BoardFactory(slug="aurora-feedback", kind=Board.Kind.FEEDBACK, product=product)
    hidden = make_item(board=secret_board, author=insider, title="Beta camera freezes on launch")
    shown = make_item(board=open_board, title="Battery drains overnight on standby")
    release = make_release(
        product=product, version="1.4.2", changelog=f"- Fixed #{hidden.thread_id}\n- Fixed #{shown.thread_id}"
    )
    publish_release(actor=team, release=release)
    ids = {"release_id": release.pk}
    _, inside = payloads.build("release.published", insider, **ids)
    _, outside = payloads.build("release.published", webhook_only_user, **ids)
    assert len(inside["fixed"]) == 2 and len(outside["fixed"]) == 1
    assert payloads.readable_now("release.published", insider, ids, inside)

    insider.groups.remove(beta)
    insider = type(insider).objects.get(pk=insider.pk)  # as a delivery's attempt reads its owner
    # The release is still readable, but one item it listed no longer is: withheld.
    assert not payloads.readable_now("release.published", insider, ids, inside)
    assert payloads.readable_now("release.published", insider, ids, outside)
    thread_ids = {"thread_id": hidden.thread_id}
    _, data = payloads.build("thread.started", team, **thread_ids)
    assert payloads.readable_now("thread.started", team, thread_ids, data)
    assert not payloads.readable_now("thread.started", insider, thread_ids, data)
