"""community/accounts/throttle.py and the adapter: failed sign-ins are throttled per (address,
account) pair and answered with 429; a stranger cannot lock a person out; an account that many
distinct addresses fail only accepts addresses it signed in from before, until the window ends."""

import pytest

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, login, password, address):
    return client.post("/accounts/login/", {"login": login, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_failures_throttle_the_pair_with_a_429_that_says_why(client):
    UserFactory(username="leo")
    for attempt in range(5):
        assert sign_in(client, "leo", f"wrong {attempt}", "203.0.113.7").status_code == 200

    response = sign_in(client, "leo", TEST_PASSWORD, "203.0.113.7")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert b"Too many failed sign-in attempts for this account from your network" in response.content
    assert not signed_in(client)


def test_a_stranger_failing_does_not_lock_the_owner_out(client):
    UserFactory(username="leo")
    for attempt in range(8):
        sign_in(client, "leo", f"guess {attempt}", "198.51.100.66")

    response = sign_in(client, "leo", TEST_PASSWORD, "203.0.113.7")

    assert response.status_code == 302
    assert signed_in(client)


def test_failures_from_one_address_do_not_block_other_accounts_from_it(client):
    """A shared address (an office, a school): one person's typos do not lock out the rest."""
    people = [UserFactory(username=f"pupil{i}") for i in range(13)]
    for person in people[:12]:
        sign_in(client, person.username, "forgot it", "192.0.2.10")
        sign_in(client, person.username, "forgot it again", "192.0.2.10")

    response = sign_in(client, people[12].username, TEST_PASSWORD, "192.0.2.10")

    assert response.status_code == 302
    assert signed_in(client)


def test_an_account_failed_from_many_addresses_accepts_only_known_addresses_until_the_window_ends(
    client, clock, settings
):
    settings.CANOPY_LOGIN_ATTACK_ADDRESSES = 10
    UserFactory(username="leo")
    assert sign_in(client, "leo", TEST_PASSWORD, "203.0.113.7").status_code == 302  # the owner's home
    client.logout()
    for i in range(10):
        assert sign_in(client, "leo", "guess", f"198.51.100.{i}").status_code == 200

    refused = sign_in(client, "leo", TEST_PASSWORD, "198.51.100.200")
    assert refused.status_code == 429
    assert b"Many different networks have failed to sign in to this account" in refused.content
    assert not signed_in(client)

    assert sign_in(client, "leo", TEST_PASSWORD, "203.0.113.7").status_code == 302  # home still works
    client.logout()

    clock.advance(settings.CANOPY_LOGIN_ATTACK_WINDOW + 1)
    assert sign_in(client, "leo", TEST_PASSWORD, "198.51.100.200").status_code == 302


def test_ipv6_addresses_count_per_64_network(client):
    UserFactory(username="leo")
    for i in range(5):
        sign_in(client, "leo", "wrong", f"2001:db8:1:2::{i + 1}")

    assert sign_in(client, "leo", TEST_PASSWORD, "2001:db8:1:2::99").status_code == 429
    assert sign_in(client, "leo", TEST_PASSWORD, "2001:db8:1:3::1").status_code == 302
