import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import UserFactory
from webhooks.actions.subscriptions import (
    create_subscription,
    pause_subscription,
    resume_subscription,
    rotate_secret,
    update_subscription,
)
from webhooks.models import Subscription

pytestmark = pytest.mark.django_db

URL = "https://hooks.example.com/canopy"


def test_the_team_subscribes_and_gets_a_standard_webhooks_secret_once(team):
    subscription, secret = create_subscription(
        actor=team, url=f" {URL} ", events=["order.paid", "thread.started"], description="Shop sync"
    )
    assert subscription.owner == team and subscription.url == URL
    assert subscription.events == ["thread.started", "order.paid"]  # in the documented order
    assert secret.startswith("whsec_") and len(secret) > 40
    assert Subscription.objects.get().secret == secret


@pytest.mark.parametrize(
    ("url", "events", "message"),
    [
        ("", ["order.paid"], "Enter the URL"),
        ("not a url", ["order.paid"], "https://"),
        (URL, [], "at least one event"),
        (URL, ["order.shipped"], "Unknown events: order.shipped"),
        ("https://" + "a" * 500 + ".com", ["order.paid"], "under 500"),
    ],
)
def test_bad_input_is_a_clear_validation_error(team, url, events, message):
    with pytest.raises(ValidationError, match=message):
        create_subscription(actor=team, url=url, events=events)
    assert not Subscription.objects.exists()


def test_private_addresses_are_refused_in_production(team, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(ValidationError, match="private, loopback"):
        create_subscription(actor=team, url="http://127.0.0.1:9000/", events=["order.paid"])


def test_members_may_not_manage_webhooks(member):
    with pytest.raises(PermissionDenied):
        create_subscription(actor=member, url=URL, events=["order.paid"])


def test_edit_rotate_pause_resume(team, teammate):
    subscription, first = create_subscription(actor=team, url=URL, events=["order.paid"])
    subscription = update_subscription(
        actor=teammate, subscription=subscription, url=URL + "/v2", events=["post.created"], description="v2"
    )
    assert (subscription.url, subscription.events) == (URL + "/v2", ["post.created"])
    subscription, second = rotate_secret(actor=teammate, subscription=subscription)
    assert second != first and subscription.previous_secret == first
    assert subscription.previous_secret_until > subscription.updated_at
    pause_subscription(actor=team, subscription=subscription)
    subscription.refresh_from_db()
    assert subscription.is_paused and subscription.paused_reason == "Paused by Mira."
    resume_subscription(actor=team, subscription=subscription)
    subscription.refresh_from_db()
    assert not subscription.is_paused and subscription.paused_reason == ""


def test_resuming_a_subscription_whose_owner_left_makes_it_the_resumers(team, teammate):
    from django.contrib.auth.models import Group

    from community.teams import team_group_name

    subscription, _ = create_subscription(actor=team, url=URL, events=["order.paid"])
    team.groups.remove(Group.objects.get(name=team_group_name()))
    resume_subscription(actor=teammate, subscription=subscription)
    subscription.refresh_from_db()
    assert subscription.owner == teammate
    with pytest.raises(PermissionDenied):
        resume_subscription(actor=UserFactory(username="leo"), subscription=subscription)
