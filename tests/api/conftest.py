import pytest
from django.contrib.auth.models import Group

from api.actions.tokens import create_token
from forum.models import Board
from tests.factories import make_team_member
from tests.forum.factories import BoardFactory, make_thread


@pytest.fixture(autouse=True)
def _demo_payments(settings, tmp_path):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def make_token():
    """make_token(user, "read", "write") -> the token string, made through the action."""

    def _make(user, *scopes, name="test token"):
        _, value = create_token(user=user, name=name, scopes=list(scopes or ["read"]))
        return value

    return _make


class Api:
    """A test client for /api/v1/: JSON in and out, optionally with a bearer token."""

    def __init__(self, client, token: str = ""):
        self.client, self.token = client, token

    def _headers(self, headers):
        extra = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}
        extra.update(headers or {})
        return extra

    def get(self, path, data=None, **headers):
        return self.client.get("/api/v1/" + path, data or {}, **self._headers(headers))

    def send(self, method, path, json=None, **headers):
        import json as jsonlib

        return getattr(self.client, method)(
            "/api/v1/" + path,
            jsonlib.dumps(json) if json is not None else "",
            content_type="application/json",
            **self._headers(headers),
        )

    def post(self, path, json=None, **headers):
        return self.send("post", path, json, **headers)

    def put(self, path, json=None, **headers):
        return self.send("put", path, json, **headers)

    def patch(self, path, json=None, **headers):
        return self.send("patch", path, json, **headers)

    def delete(self, path, json=None, **headers):
        return self.send("delete", path, json, **headers)


@pytest.fixture
def api(client):
    """Signed out."""
    return Api(client)


@pytest.fixture
def member_api(client, member, make_token):
    """As ``member`` with a read+write token."""
    return Api(client, make_token(member, "read", "write"))


@pytest.fixture
def team_member(db):
    user = make_team_member()
    return user


@pytest.fixture
def board(db):
    return BoardFactory(slug="general", name="General")


@pytest.fixture
def private_board(db):
    """A board only its group reads (the forum's private-board case)."""
    group = Group.objects.create(name="Insiders")
    return BoardFactory(
        slug="insiders",
        name="Insiders",
        read_access=Board.Access.GROUP,
        start_access=Board.Access.GROUP,
        reply_access=Board.Access.GROUP,
        access_group=group,
    )


@pytest.fixture
def thread(board, other_member):
    return make_thread(board=board, author=other_member, title="How do I pair the remote?")
