"""Deliveries end to end: an action commits, the task worker signs and POSTs to a real server on
127.0.0.1, which verifies the signature with the standardwebhooks package; a failing endpoint sees
the retries on the documented schedule, then the subscription is paused and the team told."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from standardwebhooks import Webhook, WebhookVerificationError

from community.notifications.models import Notification, NotificationKind
from community.teams import team_group_name
from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread
from tests.webhooks.conftest import subscribe
from webhooks import conf
from webhooks.actions.deliveries import _claim, attempt_scheduled, request_replay, send_due
from webhooks.actions.subscriptions import rotate_secret
from webhooks.models import Attempt, Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(db):
    return BoardFactory(slug="general", name="General")


def start(board, capture, title="How do I pair the remote?"):
    with capture(execute=True):
        return make_thread(board=board, author=UserFactory(username="leo"), title=title)


def test_a_delivery_reaches_the_server_and_its_signature_verifies(
    team, board, receiver, django_capture_on_commit_callbacks
):
    _, secret = subscribe(team, receiver.url, ["thread.started"])

    thread = start(board, django_capture_on_commit_callbacks)

    [request] = receiver.requests
    assert request["path"] == "/hooks/canopy"
    headers = request["headers"]
    payload = Webhook(secret).verify(request["body"], headers)  # raises unless the signature is right
    assert payload["type"] == "thread.started"
    assert payload["data"]["thread"]["id"] == thread.pk
    assert payload["data"]["thread"]["title"] == "How do I pair the remote?"
    assert payload["data"]["post"]["body"] == "It blinks twice and stops."
    assert headers["Content-Type"] == "application/json"
    delivery = Delivery.objects.get()
    assert headers["webhook-id"] == delivery.webhook_id
    assert delivery.status == Delivery.Status.SUCCEEDED
    assert delivery.last_status_code == 204
    attempt = delivery.attempts.get()
    assert attempt.succeeded and attempt.status_code == 204 and attempt.response_ms is not None
    # Another secret, or a changed body, does not verify.
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 43 + "=").verify(request["body"], headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(request["body"].replace(b"pair", b"fair"), headers)


def test_nothing_is_sent_for_an_event_the_subscription_did_not_pick_or_a_rolled_back_action(
    team, board, receiver, django_capture_on_commit_callbacks
):
    subscribe(team, receiver.url, ["post.created"])
    start(board, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_thread(board=board, author=UserFactory(username="kenji"))
    assert callbacks  # announced, but the transaction never commits: nothing runs
    assert receiver.requests == [] and not Delivery.objects.exists()


def test_a_failing_endpoint_sees_the_retries_on_the_documented_schedule_then_is_paused(
    team, teammate, board, receiver, django_capture_on_commit_callbacks
):
    receiver.status = 503
    subscription, _ = subscribe(team, receiver.url, ["thread.started"])
    start(board, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    first = delivery.first_attempt_at
    schedule = conf.retry_schedule()
    # The documented schedule: 0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 1023 minutes, then a day.
    assert [round(step / timedelta(minutes=1)) for step in schedule] == [
        0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 1023, 1440,
    ]  # fmt: skip

    for step in schedule[1:]:
        assert send_due(now=first + step - timedelta(seconds=1)) == 0  # not yet
        assert send_due(now=first + step) == 1

    stamps = [int(request["headers"]["webhook-timestamp"]) for request in receiver.requests]
    assert stamps == [int((first + step).timestamp()) for step in schedule]
    assert {request["headers"]["webhook-id"] for request in receiver.requests} == {delivery.webhook_id}
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempt_count == len(schedule) and delivery.next_attempt_at is None
    assert delivery.last_status_code == 503
    assert list(delivery.attempts.order_by("number").values_list("succeeded", flat=True)) == [False] * 12
    # A day of failures: paused, and the team (and the owner) told.
    subscription.refresh_from_db()
    assert subscription.is_paused
    assert "failed for 24 hours" in subscription.paused_reason
    told = Notification.objects.filter(kind=NotificationKind.TEAM)
    assert set(told.values_list("recipient__username", flat=True)) == {"mira", "tomas"}
    assert receiver.url in told.first().text
    # Nothing more is sent, and a paused subscription gets no new deliveries.
    assert send_due(now=first + timedelta(days=3)) == 0
    start(board, django_capture_on_commit_callbacks, title="Another thread here")
    assert Delivery.objects.count() == 1 and len(receiver.requests) == len(schedule)


def test_a_success_between_failures_resets_the_clock(
    team, board, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 200]
    subscription, _ = subscribe(team, receiver.url, ["thread.started"])
    start(board, django_capture_on_commit_callbacks)
    subscription.refresh_from_db()
    assert subscription.failing_since is not None
    send_due(now=Delivery.objects.get().first_attempt_at + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.failing_since is None and not subscription.is_paused
    assert Delivery.objects.get().status == Delivery.Status.SUCCEEDED


def test_an_attempt_is_sent_once_however_often_its_task_runs(
    team, board, receiver, django_capture_on_commit_callbacks
):
    receiver.status = 500
    subscribe(team, receiver.url, ["thread.started"])
    start(board, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert attempt_scheduled(delivery_id=delivery.pk, scheduled_number=1) is None  # made already
    later = delivery.first_attempt_at + timedelta(minutes=1)
    assert attempt_scheduled(delivery_id=delivery.pk, scheduled_number=2, now=later) is not None
    assert attempt_scheduled(delivery_id=delivery.pk, scheduled_number=2, now=later) is None
    assert send_due(now=later) == 0
    assert len(receiver.requests) == 2
    assert list(delivery.attempts.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_an_attempt_whose_worker_stopped_counts_as_failed_and_the_schedule_goes_on(
    team, board, receiver, django_capture_on_commit_callbacks
):
    receiver.status = 500
    subscribe(team, receiver.url, ["thread.started"])
    start(board, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    claimed_at = delivery.first_attempt_at + timedelta(minutes=1)
    lost = _claim(
        delivery_id=delivery.pk, now=claimed_at, trigger=Attempt.Trigger.SCHEDULED, scheduled_number=2
    )
    assert lost is not None  # claimed, then the worker died before sending
    assert send_due(now=claimed_at + timedelta(minutes=4)) == 0  # not stale yet, not due
    receiver.status = 200
    assert send_due(now=delivery.first_attempt_at + timedelta(minutes=7)) == 1  # finished as lost, then #3
    lost.refresh_from_db()
    assert not lost.succeeded and "did not finish" in lost.error
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.attempt_count == 3
    assert len(receiver.requests) == 2


def test_the_team_replays_a_delivery_same_id_new_signature(
    team, board, receiver, django_capture_on_commit_callbacks
):
    receiver.status = 500
    _, secret = subscribe(team, receiver.url, ["thread.started"])
    start(board, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    receiver.status = 200
    with django_capture_on_commit_callbacks(execute=True):
        request_replay(actor=team, delivery=delivery)

    first, replayed = receiver.requests
    assert replayed["headers"]["webhook-id"] == first["headers"]["webhook-id"] == delivery.webhook_id
    assert replayed["body"] == first["body"]
    Webhook(secret).verify(replayed["body"], replayed["headers"])
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.replay_requested_at is None
    attempt = delivery.attempts.get(number=2)
    assert attempt.trigger == Attempt.Trigger.REPLAY and attempt.actor == team and attempt.succeeded
    # The replayed delivery was waiting for its retry; that retry no longer happens.
    assert send_due(now=delivery.first_attempt_at + timedelta(days=2)) == 0
    with pytest.raises(PermissionDenied):
        request_replay(actor=UserFactory(username="leo2"), delivery=delivery)


def test_after_a_rotation_both_secrets_sign_for_a_day_then_only_the_new_one(
    team, board, receiver, django_capture_on_commit_callbacks, settings
):
    subscription, old = subscribe(team, receiver.url, ["thread.started"])
    subscription, new = rotate_secret(actor=team, subscription=subscription)
    assert new != old and new.startswith("whsec_")
    start(board, django_capture_on_commit_callbacks)
    request = receiver.requests[-1]
    Webhook(new).verify(request["body"], request["headers"])
    Webhook(old).verify(request["body"], request["headers"])
    assert len(request["headers"]["webhook-signature"].split(" ")) == 2

    settings.WEBHOOKS_SECRET_OVERLAP = timedelta(0)
    rotate_secret(actor=team, subscription=subscription)
    subscription.refresh_from_db()
    start(board, django_capture_on_commit_callbacks, title="One more thread")
    request = receiver.requests[-1]
    Webhook(subscription.secret).verify(request["body"], request["headers"])
    with pytest.raises(WebhookVerificationError):
        Webhook(new).verify(request["body"], request["headers"])


def test_a_subscription_whose_owner_left_the_team_is_paused_and_the_team_told(
    team, teammate, board, receiver, django_capture_on_commit_callbacks
):
    subscription, _ = subscribe(team, receiver.url, ["thread.started"])
    team.groups.remove(Group.objects.get(name=team_group_name()))
    start(board, django_capture_on_commit_callbacks)
    subscription.refresh_from_db()
    assert subscription.is_paused and "no longer manages webhooks" in subscription.paused_reason
    assert receiver.requests == [] and not Delivery.objects.exists()
    assert Notification.objects.filter(kind=NotificationKind.TEAM, recipient=teammate).exists()


def test_the_body_is_the_standard_webhooks_shape(team, board, receiver, django_capture_on_commit_callbacks):
    subscribe(team, receiver.url, ["thread.started"])
    start(board, django_capture_on_commit_callbacks)
    payload = json.loads(receiver.requests[0]["body"])
    assert set(payload) == {"type", "timestamp", "data"}


def test_where_the_backend_defers_the_next_attempt_is_queued_for_its_time(
    team, board, receiver, settings, django_capture_on_commit_callbacks
):
    from django_tasks import task_backends

    from webhooks.actions.deliveries import create_deliveries
    from webhooks.tasks import send_delivery

    receiver.status = 500
    subscribe(team, receiver.url, ["thread.started"])
    thread = make_thread(board=board, author=UserFactory(username="leo"))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    with django_capture_on_commit_callbacks(execute=True):
        [delivery] = create_deliveries(event="thread.started", ids={"thread_id": thread.pk})
    [first] = backend.results
    assert first.task.func is send_delivery.func and first.task.run_after is None
    assert first.kwargs == {"delivery_id": delivery.pk, "scheduled_number": 1}
    with django_capture_on_commit_callbacks(execute=True):
        attempt_scheduled(delivery_id=delivery.pk, scheduled_number=1)
    _, retry = backend.results
    delivery.refresh_from_db()
    assert retry.kwargs == {"delivery_id": delivery.pk, "scheduled_number": 2}
    assert (
        retry.task.run_after == delivery.next_attempt_at == delivery.first_attempt_at + timedelta(minutes=1)
    )


def test_the_sweep_command_sends_what_is_due(team, board, receiver, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    receiver.statuses = [500]
    receiver.status = 200
    subscribe(team, receiver.url, ["thread.started"])
    start(board, django_capture_on_commit_callbacks)
    Delivery.objects.update(next_attempt_at=Delivery.objects.get().next_attempt_at - timedelta(minutes=2))
    out = StringIO()
    call_command("send_due_webhooks", stdout=out)
    assert out.getvalue().strip() == "1 webhook attempt(s) made."
    assert Delivery.objects.get().status == Delivery.Status.SUCCEEDED


# --- Checked again at send time ----------------------------------------------------------------------


def _private(board, group):
    from forum.actions.boards import set_board_access
    from forum.models import Board

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    access = Board.Access.GROUP
    set_board_access(
        actor=admin,
        board=board,
        read_access=access,
        start_access=access,
        reply_access=access,
        access_group=group,
    )


def test_a_retry_is_withheld_once_the_thread_is_out_of_the_owners_sight_and_logged(
    webhook_only_user, board, receiver, django_capture_on_commit_callbacks, caplog
):
    receiver.status = 503
    subscribe(webhook_only_user, receiver.url, ["thread.started"])
    start(board, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.ids == {"thread_id": int(delivery.subject.removeprefix("thread:"))}
    with django_capture_on_commit_callbacks(execute=True):
        _private(board, Group.objects.create(name="Insiders"))  # the integrator is not one of them

    with caplog.at_level("WARNING", logger="webhooks.actions.deliveries"):
        assert send_due(now=delivery.first_attempt_at + timedelta(minutes=1)) == 0

    assert len(receiver.requests) == 1  # the first attempt only: the retry was not sent
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.WITHHELD and delivery.next_attempt_at is None
    assert "integrator may no longer read" in delivery.last_error
    assert delivery.attempts.count() == 1
    assert delivery.webhook_id in caplog.text and "withheld" in caplog.text
    assert send_due(now=delivery.first_attempt_at + timedelta(days=2)) == 0  # its retries have ended


def test_a_replay_is_withheld_when_the_owner_lost_the_group_that_let_them_read_it(
    webhook_only_user, team, board, receiver, django_capture_on_commit_callbacks
):
    insiders = Group.objects.create(name="Insiders")
    webhook_only_user.groups.add(insiders)
    _private(board, insiders)
    subscribe(webhook_only_user, receiver.url, ["thread.started"])
    author = UserFactory(username="leo")
    author.groups.add(insiders)
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(board=board, author=author, title="Insiders only")
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SUCCEEDED and len(receiver.requests) == 1

    webhook_only_user.groups.remove(insiders)
    with django_capture_on_commit_callbacks(execute=True):
        request_replay(actor=team, delivery=delivery)

    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.WITHHELD and delivery.replay_requested_at is None
    # Back in the group: a replay sends it again (the check runs on every attempt).
    webhook_only_user.groups.add(insiders)
    with django_capture_on_commit_callbacks(execute=True):
        request_replay(actor=team, delivery=delivery)
    assert len(receiver.requests) == 2
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED
