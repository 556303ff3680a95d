import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from api.actions.tokens import MAX_TOKENS, create_token, record_use, revoke_token
from api.models import AccessToken
from api.tokens import split_token

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_as_a_hash_of_its_secret(member):
    token, value = create_token(user=member, name="CI", scopes=["write", "read", "read"])
    prefix, secret = split_token(value)
    assert token.prefix == prefix and value.startswith(f"cnp_{prefix}_")
    assert token.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(AccessToken.objects.filter(pk=token.pk).values().get())
    assert token.scopes == ["read", "write"]


@pytest.mark.parametrize(
    ("name", "scopes", "field"),
    [("", ["read"], "name"), ("x" * 81, ["read"], "name"), ("two\nlines", ["read"], "name"),
     ("CI", [], "scopes"), ("CI", ["admin"], "scopes"), ("CI", ["feedback:triage"], "scopes")],
)  # fmt: skip
def test_bad_input_is_a_field_error(member, name, scopes, field):
    with pytest.raises(ValidationError) as error:
        create_token(user=member, name=name, scopes=scopes)
    assert field in error.value.message_dict


def test_the_team_may_give_the_triage_scope(team_member):
    token, _ = create_token(user=team_member, name="triage bot", scopes=["read", "feedback:triage"])
    assert token.has_scope("feedback:triage")


def test_at_most_max_tokens(member):
    for n in range(MAX_TOKENS):
        create_token(user=member, name=f"t{n}", scopes=["read"])
    with pytest.raises(ValidationError):
        create_token(user=member, name="one more", scopes=["read"])


def test_revoke_only_ones_own(member, other_member):
    token, _ = create_token(user=member, name="CI", scopes=["read"])
    with pytest.raises(Http404):
        revoke_token(user=other_member, token_id=token.pk)
    assert revoke_token(user=member, token_id=token.pk).revoked_at is not None


def test_last_use_is_written_at_most_every_few_minutes(member):
    from datetime import timedelta

    from django.utils import timezone

    token, _ = create_token(user=member, name="CI", scopes=["read"])
    now = timezone.now()
    assert record_use(token=token, now=now) is True
    assert record_use(token=token, now=now + timedelta(minutes=1)) is False
    assert record_use(token=token, now=now + timedelta(minutes=6)) is True
