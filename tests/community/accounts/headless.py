"""A phone app as allauth headless sees it (/_allauth/app/v1/): JSON in and out, no cookies and no CSRF
token, only the session token the last answer gave it (``meta.session_token``), sent back as
``X-Session-Token``."""

import json
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.test import Client

BASE = "/_allauth/app/v1/"
PERIOD = 30


def totp_code(secret: str, moment: float | None = None) -> str:
    """The code an authenticator app shows for ``secret`` at ``moment`` (now by default)."""
    return format_hotp_value(hotp_value(secret, int(time.time() if moment is None else moment) // PERIOD))


class App:
    def __init__(self):
        # A client that enforces CSRF like a browser-facing view would: the app sends no CSRF token.
        self.client = Client(enforce_csrf_checks=True)
        self.token = ""

    def headers(self) -> dict:
        return {"HTTP_X_SESSION_TOKEN": self.token} if self.token else {}

    def call(self, method: str, path: str, body: dict | None = None):
        """Returns the response; its JSON is ``response.json()``. Keeps a new session token."""
        response = _send(self.client, method, BASE + path, body, self.headers())
        token = response.json().get("meta", {}).get("session_token")
        if token:
            self.token = token
        assert settings.SESSION_COOKIE_NAME not in self.client.cookies, "an app gets no session cookie"
        return response

    def post(self, path: str, body: dict | None = None):
        return self.call("post", path, body)

    def get(self, path: str):
        return self.call("get", path)

    def delete(self, path: str):
        return self.call("delete", path)

    def api(self, method: str, path: str, body: dict | None = None):
        """/api/v1/<path> with the session token."""
        return _send(self.client, method, "/api/v1/" + path, body, self.headers())

    def log_in(self, login: str, password: str, *, field: str = "username"):
        return self.post("auth/login", {field: login, "password": password})


def _send(client, method: str, path: str, body: dict | None, headers: dict):
    if method == "get":
        return client.get(path, **headers)
    data = json.dumps(body) if body is not None else ""
    return getattr(client, method)(path, data, content_type="application/json", **headers)


def pending_flow(body: dict) -> str | None:
    """The id of the flow a 401 answer says is pending (verify_email, mfa_authenticate...)."""
    pending = [flow["id"] for flow in body.get("data", {}).get("flows", []) if flow.get("is_pending")]
    return pending[0] if pending else None
