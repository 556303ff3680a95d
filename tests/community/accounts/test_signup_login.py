import re

import pytest
from allauth.account.models import EmailAddress

from community.models import User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-unusual-passphrase"


def sign_up(client, **overrides):
    data = {"email": "nadia@example.com", "username": "nadia", "password1": PASSWORD, "password2": PASSWORD}
    return client.post("/accounts/signup/", data | overrides)


def confirmation_path(message) -> str:
    return re.search(r"/accounts/confirm-email/[^/\s]+/", message.body).group(0)


def test_sign_up_sends_a_verification_mail_and_blocks_log_in_until_verified(client, mailoutbox):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nadia@example.com"]
    assert not EmailAddress.objects.get(email="nadia@example.com").verified

    client.logout()
    response = client.post("/accounts/login/", {"login": "nadia", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_verification_then_log_in_then_log_out(client, mailoutbox):
    sign_up(client)
    path = confirmation_path(mailoutbox[0])

    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(email="nadia@example.com").verified

    response = client.post("/accounts/login/", {"login": "nadia@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(username="nadia").pk

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_wrong_verification_key_gets_a_clear_message(client):
    response = client.get("/accounts/confirm-email/not-a-real-key/")

    assert response.status_code == 200
    assert b"expired or is invalid" in response.content


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": ""}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"username": ""}, "username"),
        ({"password2": "something-else-entirely"}, "password2"),
        ({"password1": "short", "password2": "short"}, "password1"),
    ],
)
def test_bad_sign_up_input_gets_form_errors(client, overrides, field):
    response = sign_up(client, **overrides)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert b'class="field__errors"' in response.content
    assert not User.objects.filter(username=overrides.get("username", "nadia") or "nadia").exists()


def test_wrong_password_gets_a_message_not_a_500(client):
    UserFactory(username="leo")

    response = client.post("/accounts/login/", {"login": "leo", "password": "wrong password"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_repeated_failed_log_ins_are_rate_limited(client):
    UserFactory(username="leo")

    statuses = [
        client.post("/accounts/login/", {"login": "leo", "password": f"wrong {attempt}"}).status_code
        for attempt in range(7)
    ]
    response = client.post("/accounts/login/", {"login": "leo", "password": TEST_PASSWORD})

    assert statuses == [200] * 5 + [429] * 2
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert b"Too many failed sign-in attempts" in response.content


def test_password_reset_sends_a_mail_and_accepts_a_new_password(client, mailoutbox):
    UserFactory(username="leo")

    response = client.post("/accounts/password/reset/", {"email": "leo@example.com"})
    assert response.status_code == 302
    reset_path = re.search(r"/accounts/password/reset/key/\S+/", mailoutbox[0].body).group(0)

    response = client.get(reset_path, follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else reset_path
    response = client.post(form_path, {"password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 302
    assert User.objects.get(username="leo").check_password(PASSWORD)


def test_change_of_email_sends_a_verification_to_the_new_address(client, mailoutbox):
    user = UserFactory(username="leo")
    client.post("/accounts/login/", {"login": "leo", "password": TEST_PASSWORD})

    response = client.post("/accounts/email/", {"action_add": "", "email": "leo.new@example.com"})

    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=user, email="leo.new@example.com", verified=False).exists()
    assert mailoutbox[-1].to == ["leo.new@example.com"]


def test_the_log_in_field_says_what_to_type(client):
    response = client.get("/accounts/login/")

    assert '<label for="id_login">Username or e-mail</label>' in response.text
