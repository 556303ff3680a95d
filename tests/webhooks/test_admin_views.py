"""The team's webhook pages in /cms/webhooks/: the product team (not only superusers) lists, adds (the
secret shown once), edits, rotates, pauses, resumes, deletes, reads the log and replays."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import UserFactory
from tests.forum.factories import BoardFactory, make_thread
from tests.webhooks.conftest import subscribe
from webhooks.models import Attempt, Delivery, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_client(client, team):
    client.force_login(team)
    return client


def test_the_team_finds_webhooks_in_the_admin_menu(team_client):
    response = team_client.get("/cms/")
    assert response.status_code == 200
    assert reverse("webhooks_admin:index") == "/cms/webhooks/"
    assert "/cms/webhooks/" in response.content.decode()


def test_people_outside_the_team_are_not_served(client):
    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/cms/webhooks/")  # Wagtail sends a refusal back to the dashboard
    assert response.status_code == 302 and response.url == "/cms/"
    assert (
        client.post("/cms/webhooks/add/", {"url": "https://x.example/", "events": ["order.paid"]}).status_code
        == 302
    )
    assert not Subscription.objects.exists()
    assert "/cms/webhooks/" not in client.get("/cms/").content.decode()
    client.force_login(UserFactory(username="leo"))
    assert client.get("/cms/webhooks/").status_code in (302, 403)


def test_adding_shows_the_secret_once(team_client, receiver):
    response = team_client.post(
        "/cms/webhooks/add/",
        {"url": receiver.url, "description": "CRM", "events": ["thread.started", "order.paid"]},
    )
    assert response.status_code == 201
    subscription = Subscription.objects.get()
    page = response.content.decode()
    assert subscription.secret in page and "not shown again" in page
    again = team_client.get(f"/cms/webhooks/{subscription.pk}/").content.decode()
    assert subscription.secret not in again
    assert subscription.url in team_client.get("/cms/webhooks/").content.decode()


def test_bad_input_is_shown_on_the_form(team_client, settings):
    response = team_client.post("/cms/webhooks/add/", {"url": "ftp://x.example/", "events": []})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Pick at least one event." in page
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    response = team_client.post("/cms/webhooks/add/", {"url": "http://10.0.0.5/", "events": ["order.paid"]})
    assert response.status_code == 400 and "private, loopback" in response.content.decode()
    assert not Subscription.objects.exists()


def test_edit_rotate_pause_resume_delete(team_client, team, receiver):
    subscription, secret = subscribe(team, receiver.url, ["order.paid"])
    base = f"/cms/webhooks/{subscription.pk}/"
    assert team_client.get(base + "edit/").status_code == 200
    response = team_client.post(base + "edit/", {"url": receiver.url, "events": ["post.created"]})
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.events == ["post.created"]

    assert team_client.get(base + "rotate/").status_code == 405
    response = team_client.post(base + "rotate/")
    subscription.refresh_from_db()
    assert subscription.secret != secret and subscription.secret in response.content.decode()

    team_client.post(base + "pause/")
    subscription.refresh_from_db()
    assert subscription.is_paused
    assert "Resume" in team_client.get(base).content.decode()
    team_client.post(base + "resume/")
    subscription.refresh_from_db()
    assert not subscription.is_paused

    assert team_client.get(base + "delete/").status_code == 200
    assert team_client.post(base + "delete/").status_code == 302
    assert not Subscription.objects.exists()
    assert team_client.get(base).status_code == 404


def test_the_log_shows_status_time_and_attempts_and_a_delivery_replays(
    team_client, team, receiver, django_capture_on_commit_callbacks
):
    receiver.status = 500
    subscription, _ = subscribe(team, receiver.url, ["thread.started"])
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(board=BoardFactory(slug="general"), author=UserFactory(username="leo"))
    delivery = Delivery.objects.get()
    log = team_client.get(f"/cms/webhooks/{subscription.pk}/").content.decode()
    assert "thread.started" in log and "The endpoint answered 500" in log
    assert re.search(r"\d+ ms", log)
    assert "Waiting to be sent" in log  # the next attempt is scheduled
    url = f"/cms/webhooks/{subscription.pk}/deliveries/{delivery.pk}/"
    page = team_client.get(url).content.decode()
    assert delivery.webhook_id in page and "&quot;thread.started&quot;" in page

    receiver.status = 200
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(url)
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED
    assert delivery.attempts.get(number=2).trigger == Attempt.Trigger.REPLAY
    assert "Replayed by the team (Mira)" in team_client.get(url).content.decode()
    # The log filters by status; another subscription's delivery is not found under this one.
    filtered = team_client.get(f"/cms/webhooks/{subscription.pk}/?status=FAILED").content.decode()
    assert "No deliveries with this status yet." in filtered
    other, _ = subscribe(team, receiver.url, ["order.paid"])
    assert team_client.get(f"/cms/webhooks/{other.pk}/deliveries/{delivery.pk}/").status_code == 404
