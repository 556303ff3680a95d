"""allauth headless for a phone app (/_allauth/app/v1/): the site's accounts rules (mandatory e-mail
verification, allauth's rate limits and ours on failed sign-ins, TOTP with recovery codes) hold there
too, links in mail open the site's own pages, and the app needs neither cookies nor a CSRF token."""

import re
import time
from unittest import mock
from urllib.parse import unquote, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import resolve

from community.models import User
from tests.community.accounts.headless import PERIOD, App, pending_flow, totp_code
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-unusual-passphrase"
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/([^/\s]+)/)")


def sign_up(app: App, **overrides):
    data = {"email": "nadia@example.com", "username": "nadia", "password": PASSWORD}
    return app.post("auth/signup", data | overrides)


def test_sign_up_sends_the_verification_mail_and_leaves_the_app_waiting_for_it(mailoutbox):
    app = App()
    response = sign_up(app)

    assert response.status_code == 401
    assert pending_flow(response.json()) == "verify_email"
    assert response.json()["meta"]["is_authenticated"] is False
    assert app.token  # the pending sign-up lives in the app's session
    assert [message.to for message in mailoutbox] == [["nadia@example.com"]]
    assert not EmailAddress.objects.get(email="nadia@example.com").verified
    assert User.objects.filter(username="nadia").exists()


def test_the_mails_link_opens_the_sites_own_confirmation_page(client, mailoutbox):
    sign_up(App())
    path = CONFIRM_LINK.search(mailoutbox[0].body).group(1)

    page = client.get(path)
    assert page.status_code == 200
    assert b"<form" in page.content
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(email="nadia@example.com").verified


def test_the_app_verifies_with_the_key_from_the_link_then_logs_in(mailoutbox):
    app = App()
    sign_up(app)
    key = unquote(CONFIRM_LINK.search(mailoutbox[0].body).group(2))

    verified = app.post("auth/email/verify", {"key": key})
    # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION is off, as on the site: verified, not yet logged in
    assert verified.status_code == 401 and pending_flow(verified.json()) is None
    assert EmailAddress.objects.get(email="nadia@example.com").verified

    logged_in = app.log_in("nadia", PASSWORD)
    assert logged_in.status_code == 200
    assert logged_in.json()["data"]["user"]["username"] == "nadia"
    assert logged_in.json()["meta"]["session_token"] == app.token


def test_a_wrong_verification_key_is_a_400_that_says_so(mailoutbox):
    app = App()
    sign_up(app)
    response = app.post("auth/email/verify", {"key": "not-a-real-key"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_or_expired_key"


def test_an_unverified_address_cannot_log_in_from_the_app(mailoutbox):
    sign_up(App())
    app = App()
    response = app.log_in("nadia", PASSWORD)
    assert response.status_code == 401
    assert pending_flow(response.json()) == "verify_email"
    assert response.json()["meta"]["is_authenticated"] is False


def test_sign_up_checks_the_password_as_the_site_does(mailoutbox):
    response = sign_up(App(), password="short")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["param"] == "password" and error["code"] == "password_too_short"
    assert mailoutbox == [] and not User.objects.filter(username="nadia").exists()


def test_sign_up_with_a_taken_address_does_not_reveal_it(mailoutbox):
    """As on the site (allauth's enumeration prevention): the same answer as for a new address, no
    second account, and the address's owner is told by mail."""
    UserFactory(username="leo")
    response = sign_up(App(), email="leo@example.com", username="leo2")
    assert response.status_code == 401 and pending_flow(response.json()) == "verify_email"
    assert not User.objects.filter(username="leo2").exists()
    assert [message.to for message in mailoutbox] == [["leo@example.com"]]


def test_sign_up_closed_on_the_site_is_closed_for_the_app(settings):
    settings.ACCOUNT_ALLOW_SIGNUP = False
    response = sign_up(App())
    assert response.status_code == 403
    assert not User.objects.filter(username="nadia").exists()


def test_a_wrong_password_is_a_400_with_the_error():
    UserFactory(username="leo")
    app = App()
    response = app.log_in("leo", "not-the-password")

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["param"] == "password" and error["code"] == "username_password_mismatch"
    assert "not correct" in error["message"]
    assert not app.token


def test_failed_log_ins_are_limited_per_address_and_account_as_on_the_site():
    """ACCOUNT_RATE_LIMITS["login_failed"] (5 per 5 minutes per address and account, through our
    adapter) answers the app in JSON, with Retry-After."""
    UserFactory(username="leo")
    app = App()
    for _ in range(5):
        assert app.log_in("leo", "not-the-password").status_code == 400

    response = app.log_in("leo", TEST_PASSWORD)  # even the right password, until the window ends

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["code"] == "too_many_login_attempts"
    assert int(response["Retry-After"]) > 0
    assert not app.token


def test_log_in_and_sign_up_attempts_per_address_are_limited(settings):
    """allauth's own "login" and "signup" limits per address (set low here) answer 429."""
    settings.ACCOUNT_RATE_LIMITS = settings.ACCOUNT_RATE_LIMITS | {"login": "2/m/ip", "signup": "1/m/ip"}
    UserFactory(username="leo")
    for _ in range(2):
        assert App().log_in("leo", "not-the-password").status_code == 400
    assert App().log_in("leo", TEST_PASSWORD).status_code == 429

    assert sign_up(App()).status_code == 401
    assert sign_up(App(), email="other@example.com", username="other").status_code == 429
    assert not User.objects.filter(username="other").exists()


def enrol_totp(app: App) -> str:
    """Through the app: confirm the password again (allauth asks before security changes), read the
    new secret, activate it with a code. Returns the secret."""
    secret = app.get("account/authenticators/totp").json()["meta"]["secret"]
    not_yet = app.post("account/authenticators/totp", {"code": totp_code(secret)})
    assert not_yet.status_code == 401 and {"id": "reauthenticate"} in not_yet.json()["data"]["flows"]
    assert app.post("auth/reauthenticate", {"password": TEST_PASSWORD}).status_code == 200
    wrong = app.post("account/authenticators/totp", {"code": "000000"})
    assert wrong.status_code == 400
    assert app.post("account/authenticators/totp", {"code": totp_code(secret)}).status_code == 200
    return secret


def test_the_app_enrols_totp_then_logs_in_with_a_code():
    user = UserFactory(username="leo")
    app = App()
    assert app.log_in("leo", TEST_PASSWORD).status_code == 200
    secret = enrol_totp(app)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    codes = app.get("account/authenticators/recovery-codes").json()["data"]["unused_codes"]
    assert len(codes) == 10
    app.delete("auth/session")

    phone = App()
    response = phone.log_in("leo", TEST_PASSWORD)
    assert response.status_code == 401
    [flow] = [flow for flow in response.json()["data"]["flows"] if flow.get("is_pending")]
    assert flow["id"] == "mfa_authenticate" and set(flow["types"]) == {"totp", "recovery_codes"}
    assert response.json()["meta"]["is_authenticated"] is False
    pending_token = phone.token

    bad = phone.post("auth/2fa/authenticate", {"code": "000000"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["code"] == "incorrect_code"

    later = time.time() + PERIOD  # the next window: a fresh code, as the authenticator shows it
    with mock.patch("allauth.mfa.totp.internal.auth.time.time", return_value=later):
        done = phone.post("auth/2fa/authenticate", {"code": totp_code(secret, later)})
    assert done.status_code == 200
    assert done.json()["meta"]["is_authenticated"] is True
    assert done.json()["data"]["user"]["username"] == "leo"
    assert phone.token and phone.token != pending_token  # a new session key once logged in


def test_a_recovery_code_logs_the_app_in_once():
    UserFactory(username="amara")
    app = App()
    app.log_in("amara", TEST_PASSWORD)
    enrol_totp(app)
    code = app.get("account/authenticators/recovery-codes").json()["data"]["unused_codes"][0]
    app.delete("auth/session")

    first = App()
    first.log_in("amara", TEST_PASSWORD)
    assert first.post("auth/2fa/authenticate", {"code": code}).status_code == 200

    second = App()
    second.log_in("amara", TEST_PASSWORD)
    reused = second.post("auth/2fa/authenticate", {"code": code})
    assert reused.status_code == 400
    assert reused.json()["errors"][0]["code"] == "incorrect_code"


def test_a_password_reset_mail_from_the_app_opens_the_sites_reset_page(client, mailoutbox):
    UserFactory(username="leo")
    response = App().post("auth/password/request", {"email": "leo@example.com"})
    assert response.status_code == 200
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mailoutbox[0].body)

    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    assert page.resolver_match.url_name == "account_reset_password_from_key"
    assert b'name="password1"' in page.content


@pytest.mark.parametrize("name", sorted(settings.HEADLESS_FRONTEND_URLS))
def test_every_frontend_url_is_one_of_the_sites_pages(name):
    path = settings.HEADLESS_FRONTEND_URLS[name].replace("{key}", "1x-4bc9d2")
    assert resolve(urlsplit(path).path).url_name == name


def test_the_headless_answers_keep_the_sites_security_headers():
    response = App().get("config")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Permissions-Policy" in response


def test_allauths_openapi_document_and_its_page(client):
    document = client.get("/_allauth/openapi.json")
    assert document.status_code == 200
    paths = document.json()["paths"]
    assert "/_allauth/app/v1/auth/login" in paths
    assert not any(path.startswith("/_allauth/browser/") for path in paths)  # only the app client

    page = client.get("/_allauth/openapi.html")
    assert page.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in page.content and b"cdn." not in page.content
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
