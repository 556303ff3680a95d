"""The README's receiver example works: run as written against a real delivery, it verifies the
signature, handles the event once however often it comes, and refuses a forged one."""

import re
import threading
from http.server import HTTPServer
from pathlib import Path

import pytest
from django.utils import timezone

from tests.webhooks.conftest import subscribe
from webhooks.actions.deliveries import attempt_replay
from webhooks.models import Attempt, Delivery
from webhooks.signing import signed_headers

README = Path(__file__).resolve().parents[2] / "README.md"

pytestmark = pytest.mark.django_db


def example_code() -> str:
    text = README.read_text()
    marker = text.index("<!-- webhook-receiver-example")
    return re.search(r"```python\n(.*?)```", text[marker:], re.S).group(1)


@pytest.fixture
def example(monkeypatch, team):
    subscription, secret = subscribe(team, "http://127.0.0.1:1/", ["order.paid"])  # URL set below
    monkeypatch.setenv("CANOPY_WEBHOOK_SECRET", secret)
    namespace = {"__name__": "receiver"}
    exec(compile(example_code(), "README.md", "exec"), namespace)  # our own README's code
    events = []
    namespace["handle"] = events.append
    server = HTTPServer(("127.0.0.1", 0), namespace["Receiver"])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    subscription.url = f"http://127.0.0.1:{server.server_address[1]}/"
    subscription.save(update_fields=["url"])
    yield subscription, events
    server.shutdown()
    server.server_close()


def test_the_readme_receiver_verifies_a_delivery_and_handles_it_once(
    example, member, settings, django_capture_on_commit_callbacks
):
    from store.actions.payments import settle_demo_payment
    from tests.store.factories import VariantFactory, place_test_order

    settings.STRIPE_SECRET_KEY = ""
    _, events = example
    order = place_test_order(user=member, variant=VariantFactory(price_minor=2500))
    with django_capture_on_commit_callbacks(execute=True):
        settle_demo_payment(order=order, succeed=True)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.last_status_code == 204
    assert [event["data"]["order"]["number"] for event in events] == [order.number]

    Delivery.objects.filter(pk=delivery.pk).update(replay_requested_at=timezone.now())
    attempt_replay(delivery_id=delivery.pk)  # the same webhook-id again: accepted, not handled twice
    assert Attempt.objects.get(number=2).status_code == 204 and len(events) == 1


def test_the_readme_receiver_refuses_a_forged_delivery(example, team):
    import http.client

    subscription, events = example
    body = '{"type":"order.paid","timestamp":"2026-01-01T00:00:00+00:00","data":{}}'
    subscription.secret = "whsec_" + "B" * 43 + "="  # not the receiver's secret
    headers = signed_headers(subscription=subscription, webhook_id="msg_forged", body=body, at=timezone.now())
    connection = http.client.HTTPConnection("127.0.0.1", int(subscription.url.rsplit(":", 1)[1].strip("/")))
    connection.request("POST", "/", body=body, headers=headers)
    assert connection.getresponse().status == 400
    connection.close()
    assert events == []
