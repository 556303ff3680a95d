import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group, Permission

from community.teams import team_group_name
from tests.factories import UserFactory, make_team_member
from webhooks.actions.subscriptions import create_subscription


class Receiver:
    """A webhook receiver on 127.0.0.1 (a real HTTP server in a thread) that records each request
    and answers with ``status`` (or the next of ``statuses``); ``delay`` seconds before answering."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 204
        self.statuses: list[int] = []
        self.headers: dict[str, str] = {}
        self.delay = 0.0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                if receiver.delay:
                    time.sleep(receiver.delay)
                status = receiver.statuses.pop(0) if receiver.statuses else receiver.status
                try:
                    self.send_response(status)
                    for name, value in receiver.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:  # the client gave up waiting (the timeout test)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/canopy"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def receiver():
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def team(db):
    """mira, on the product team (its group holds the webhook and order permissions), not a superuser."""
    user = make_team_member()
    return user


@pytest.fixture
def teammate(db):
    user = UserFactory(username="tomas")
    user.groups.add(Group.objects.get(name=team_group_name()))
    return user


def make_webhook_user(username):
    """Someone given the webhook permission alone (not the team, so no moderator either): may subscribe,
    reads the boards any member reads, may not read orders."""
    user = UserFactory(username=username)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="webhooks", codename="change_subscription")
    )
    return user


@pytest.fixture
def webhook_only_user(db):
    return make_webhook_user("integrator")


def subscribe(owner, url, events, **kwargs):
    subscription, secret = create_subscription(actor=owner, url=url, events=events, **kwargs)
    return subscription, secret
