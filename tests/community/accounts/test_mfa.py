import time
from unittest import mock

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
PERIOD = 30


def code_at(secret: str, moment: float) -> str:
    return format_hotp_value(hotp_value(secret, int(moment) // PERIOD))


def log_in_and_confirm_password(client, username: str) -> None:
    """Log in, then confirm the password again: allauth asks for it before security changes."""
    client.post("/accounts/login/", {"login": username, "password": TEST_PASSWORD})
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert client.post(response["Location"], {"password": TEST_PASSWORD}).status_code == 302


def test_enrol_totp_then_log_in_with_a_code_and_keep_recovery_codes(client):
    user = UserFactory(username="leo")
    log_in_and_confirm_password(client, "leo")

    # Enrol: the activation page puts a secret in the session; a wrong code is refused with a message
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]

    now = time.time()
    response = client.post("/accounts/2fa/totp/activate/", {"code": code_at(secret, now)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    client.post("/accounts/logout/")

    # Log in: the password alone leads to the code step
    response = client.post("/accounts/login/", {"login": "leo", "password": TEST_PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    bad = client.post("/accounts/2fa/authenticate/", {"code": "12345"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["code"]

    later = now + PERIOD  # the next 30-second window: a fresh code, as a phone would show it
    with mock.patch("allauth.mfa.totp.internal.auth.time.time", return_value=later):
        response = client.post("/accounts/2fa/authenticate/", {"code": code_at(secret, later)})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_recovery_code_logs_in_once(client):
    user = UserFactory(username="amara")
    log_in_and_confirm_password(client, "amara")
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session[SECRET_SESSION_KEY]
    client.post("/accounts/2fa/totp/activate/", {"code": code_at(secret, time.time())})
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    code = recovery.wrap().get_unused_codes()[0]
    client.post("/accounts/logout/")

    client.post("/accounts/login/", {"login": "amara", "password": TEST_PASSWORD})
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")

    client.post("/accounts/login/", {"login": "amara", "password": TEST_PASSWORD})
    reused = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert reused.status_code == 200
    assert "_auth_user_id" not in client.session
