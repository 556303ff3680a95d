"""Who may call: personal access tokens (scopes, revoked, expired, last use), the session with CSRF."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.actions.tokens import create_token, revoke_token
from api.models import AccessToken
from tests.api.conftest import Api
from tests.api.contract import check

pytestmark = pytest.mark.django_db


def test_a_token_acts_as_its_person_and_records_its_use(client, member):
    token, value = create_token(user=member, name="cli", scopes=["read"])
    assert token.last_used_at is None
    body = check(Api(client, value).get("me"), "GET me")
    assert body["username"] == "member"
    assert AccessToken.objects.get(pk=token.pk).last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Bearer cnp_abcdefghij_" + "x" * 43, "Basic dXNlcjpwYXNz", "Bearer ", "Token abc"],
)
def test_a_bad_credential_is_a_401_even_where_visitors_may_read(client, header, board):
    response = client.get("/api/v1/boards", HTTP_AUTHORIZATION=header)
    body = check(response, "GET boards")
    assert body["status"] == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert response["Content-Type"] == "application/problem+json"


def test_a_revoked_or_expired_token_stops_working(client, member):
    token, value = create_token(user=member, name="old", scopes=["read"])
    assert Api(client, value).get("me").status_code == 200
    revoke_token(user=member, token_id=token.pk)
    assert check(Api(client, value).get("me"), "GET me")["status"] == 401
    token, value = create_token(
        user=member, name="short", scopes=["read"], expires_at=timezone.now() + timedelta(hours=1)
    )
    AccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert check(Api(client, value).get("me"), "GET me")["status"] == 401


def test_a_deactivated_persons_token_stops_working(client, member):
    _, value = create_token(user=member, name="cli", scopes=["read"])
    type(member).objects.filter(pk=member.pk).update(is_active=False)
    assert check(Api(client, value).get("me"), "GET me")["status"] == 401


def test_a_token_with_the_right_prefix_and_a_wrong_secret_is_refused(client, member):
    _, value = create_token(user=member, name="cli", scopes=["read"])
    forged = value[:-4] + ("AAAA" if not value.endswith("AAAA") else "BBBB")
    assert check(Api(client, forged).get("me"), "GET me")["status"] == 401


def test_a_read_token_cannot_write(client, member, thread):
    _, value = create_token(user=member, name="reader", scopes=["read"])
    body = check(Api(client, value).put(f"posts/{thread.first_post_id}/vote"), "PUT posts/{post_id}/vote")
    assert body["status"] == 403 and "write" in body["detail"]


def test_the_session_reads_and_a_visitor_gets_401_on_personal_endpoints(client, member):
    assert check(Api(client).get("me"), "GET me")["status"] == 401
    client.force_login(member)
    assert check(Api(client).get("me"), "GET me")["username"] == "member"


def test_a_token_wins_over_the_session(client, member, other_member):
    _, value = create_token(user=other_member, name="other", scopes=["read"])
    client.force_login(member)
    assert check(Api(client, value).get("me"), "GET me")["username"] == "other"


def test_a_closed_accounts_tokens_are_revoked(member):
    from api.actions.tokens import account_deleted

    token, _ = create_token(user=member, name="cli", scopes=["read"])
    account_deleted(user=member, remove_content=False)
    assert AccessToken.objects.get(pk=token.pk).revoked_at is not None
