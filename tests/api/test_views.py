"""The account page for personal access tokens (/accounts/tokens/)."""

import pytest

from api.models import AccessToken

pytestmark = pytest.mark.django_db


def test_make_a_token_shown_once_then_only_its_prefix(member_client, member):
    response = member_client.post("/accounts/tokens/", {"name": "Release bot", "scopes": ["read", "write"]})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    value = response.context["token_value"]
    assert value.startswith("cnp_") and value.encode() in response.content
    token = AccessToken.objects.get(user=member)
    page = member_client.get("/accounts/tokens/")
    assert value.encode() not in page.content and token.display.encode() in page.content
    assert (
        member_client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {value}").json()["username"] == "member"
    )


def test_a_member_is_not_offered_the_triage_scope(member_client):
    page = member_client.get("/accounts/tokens/")
    assert b"feedback:triage" not in page.content
    response = member_client.post("/accounts/tokens/", {"name": "Triage", "scopes": ["feedback:triage"]})
    assert response.status_code == 400 and not AccessToken.objects.exists()


def test_the_team_is_offered_the_triage_scope(client, team_member):
    client.force_login(team_member)
    assert b"feedback:triage" in client.get("/accounts/tokens/").content


def test_revoke(member_client, member, other_member):
    from api.actions.tokens import create_token

    token, _ = create_token(user=member, name="old", scopes=["read"])
    theirs, _ = create_token(user=other_member, name="theirs", scopes=["read"])
    assert member_client.post(f"/accounts/tokens/{theirs.pk}/revoke/").status_code == 404
    assert member_client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert AccessToken.objects.get(pk=token.pk).revoked_at is not None
    assert AccessToken.objects.get(pk=theirs.pk).revoked_at is None


def test_signed_out_goes_to_sign_in(client):
    assert client.get("/accounts/tokens/").status_code == 302
