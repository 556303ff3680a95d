"""A phone app's session from allauth headless on /api/v1/ (api.auth.AppSessionToken): the
X-Session-Token its log-in answered with acts as its person, with their full rights and no CSRF
token; a logged-out, unknown or half-finished session is a 401, never a visitor."""

import re
from urllib.parse import unquote

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.actions.tokens import create_token
from tests.api.contract import check
from tests.community.accounts.headless import App, pending_flow, totp_code
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-unusual-passphrase"


def logged_in_app(username: str) -> App:
    app = App()
    response = app.log_in(username, TEST_PASSWORD)
    assert response.status_code == 200, response.json()
    return app


def test_sign_up_verify_log_in_then_call_the_api_with_the_session_token(mailoutbox):
    app = App()
    signed_up = app.post(
        "auth/signup", {"email": "nadia@example.com", "username": "nadia", "password": PASSWORD}
    )
    assert signed_up.status_code == 401 and pending_flow(signed_up.json()) == "verify_email"
    assert check(app.api("get", "me"), "GET me")["status"] == 401  # not logged in yet

    key = unquote(re.search(r"/accounts/confirm-email/([^/\s]+)/", mailoutbox[0].body).group(1))
    assert app.post("auth/email/verify", {"key": key}).status_code == 401  # verified; log in next
    logged_in = app.log_in("nadia@example.com", PASSWORD, field="email")
    assert logged_in.status_code == 200
    token = logged_in.json()["meta"]["session_token"]

    response = app.api("get", "me")
    body = check(response, "GET me")
    assert body["username"] == "nadia" and body["email"] == "nadia@example.com"
    assert app.token == token
    assert "X-Session-Token" in response["Vary"]


def test_an_app_session_writes_with_the_persons_rights_and_no_csrf_token(member, thread):
    """Like the site's session, not like a scoped token: the app's client enforces CSRF checks and
    sends no CSRF token, yet the vote is cast."""
    app = logged_in_app("member")
    response = app.api("put", f"posts/{thread.first_post_id}/vote")
    body = check(response, "PUT posts/{post_id}/vote")
    assert body["voted"] is True
    assert response["RateLimit-Policy"].startswith('"session"')  # counted per person, as the session


def test_logging_out_ends_the_session_token(member):
    app = logged_in_app("member")
    assert check(app.api("get", "me"), "GET me")["username"] == "member"

    logged_out = app.delete("auth/session")
    assert logged_out.status_code == 401 and logged_out.json()["meta"]["is_authenticated"] is False

    body = check(app.api("get", "me"), "GET me")
    assert body["status"] == 401 and "log in again" in body["detail"]


@pytest.mark.parametrize("token", ["nonsense", "x" * 32, ""])
def test_an_unknown_session_token_is_a_401_even_where_visitors_may_read(client, board, token):
    response = client.get("/api/v1/boards", HTTP_X_SESSION_TOKEN=token)
    body = check(response, "GET boards")
    assert body["status"] == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_session_token_waiting_for_the_second_factor_is_a_401(member):
    secret = generate_totp_secret()
    TOTP.activate(member, secret)
    app = App()
    response = app.log_in("member", TEST_PASSWORD)
    assert response.status_code == 401 and pending_flow(response.json()) == "mfa_authenticate"
    assert app.token

    assert check(app.api("get", "me"), "GET me")["status"] == 401

    assert app.post("auth/2fa/authenticate", {"code": totp_code(secret)}).status_code == 200
    assert check(app.api("get", "me"), "GET me")["username"] == "member"


def test_a_new_password_or_a_deactivated_account_ends_the_app_session(member, other_member):
    app = logged_in_app("member")
    member.set_password("a-brand-new-passphrase-2026")
    member.save(update_fields=["password"])
    assert check(app.api("get", "me"), "GET me")["status"] == 401

    other = logged_in_app("other")
    type(other_member).objects.filter(pk=other_member.pk).update(is_active=False)
    assert check(other.api("get", "me"), "GET me")["status"] == 401


def test_a_personal_access_token_wins_over_an_app_session(client, member, other_member):
    app = logged_in_app("member")
    _, value = create_token(user=other_member, name="cli", scopes=["read"])
    response = app.client.get(
        "/api/v1/me", HTTP_X_SESSION_TOKEN=app.token, HTTP_AUTHORIZATION=f"Bearer {value}"
    )
    assert check(response, "GET me")["username"] == "other"


def test_me_with_an_app_session_stays_within_the_budget(member):
    """GET me is 5 queries with a token (tests/api/test_queries.py, the token's row with its person
    one of them); with an app session the person is that one query: allauth finds the session in the
    cache (SESSION_ENGINE cached_db), as the site's session is found."""
    app = logged_in_app("member")
    app.api("get", "me")
    with CaptureQueriesContext(connection) as queries:
        assert app.api("get", "me").status_code == 200
    assert len(queries) == 5, [q["sql"] for q in queries]


def test_the_document_describes_the_app_session_scheme():
    from tests.api.contract import document

    scheme = document()["components"]["securitySchemes"]["AppSessionToken"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "X-Session-Token")
    assert "/_allauth/app/v1/auth/login" in scheme["description"]
    for path, item in document()["paths"].items():
        for method, operation in item.items():
            names = {name for requirement in operation.get("security", []) for name in requirement}
            if "BearerToken" in names:
                assert "AppSessionToken" in names, f"{method.upper()} {path}"
